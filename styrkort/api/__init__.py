"""The REST API (``/api/v1/``): the top layer, above ``web``, whose rights and save paths it reuses."""
