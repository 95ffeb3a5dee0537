"""The bundled demo world: a seeded generator of fictional initiatives and their deliveries."""
