"""One thin file per Processing algorithm: parameters -> core call -> outputs."""
