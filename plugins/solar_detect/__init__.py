"""Solar-panel detection on aerial photos, per building and per buurt."""
