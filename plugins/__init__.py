"""The suite's three components: twin layers, sensor register and solar-panel detection."""
