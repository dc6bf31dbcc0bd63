"""Figures in the database and in forms: ``FigureField`` and ``SwedishNumberField`` (see ``fields``)."""
