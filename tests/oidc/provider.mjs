// A real OpenID Connect provider for the single sign-on test: npm's oidc-provider, in memory.
//
//   node tests/oidc/provider.mjs PORT REDIRECT_URI
//
// One client ("styrkort", secret "test-secret", the given redirect URI, code flow with PKCE,
// RS256 ID tokens from a key made at start). Its development login page accepts any login
// name; the account's claims are made from it: preferred_username = the name, email
// NAME@example.test, given_name "Test", family_name the name. Prints "ready ISSUER" when it listens.
import { generateKeyPairSync } from "node:crypto";
import Provider from "oidc-provider";

const [port, redirectUri] = process.argv.slice(2);
if (!port || !redirectUri) {
  console.error("usage: node provider.mjs PORT REDIRECT_URI");
  process.exit(2);
}
const issuer = `http://127.0.0.1:${port}`;
const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: "jwk" }), use: "sig", alg: "RS256", kid: "test-key" };

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: "styrkort",
      client_secret: "test-secret",
      redirect_uris: [redirectUri],
      response_types: ["code"],
      grant_types: ["authorization_code"],
      token_endpoint_auth_method: "client_secret_post",
      id_token_signed_response_alg: "RS256",
    },
  ],
  jwks: { keys: [signingKey] },
  cookies: {
    keys: ["a-test-cookie-key-that-is-long-enough"],
    long: { sameSite: "lax" },
    short: { sameSite: "lax" },
  },
  claims: {
    openid: ["sub"],
    email: ["email", "email_verified"],
    profile: ["preferred_username", "given_name", "family_name"],
  },
  features: { devInteractions: { enabled: true } },
  async findAccount(ctx, id) {
    return {
      accountId: id,
      async claims() {
        return {
          sub: id,
          preferred_username: id,
          email: `${id}@example.test`,
          email_verified: true,
          given_name: "Test",
          family_name: id,
        };
      },
    };
  },
});
provider.proxy = false;
provider.listen(Number(port), "127.0.0.1", () => {
  console.log(`ready ${issuer}`);
});
