"""Digital twin of the city: catalogue, 3D buildings, twin projects and scenarios."""
