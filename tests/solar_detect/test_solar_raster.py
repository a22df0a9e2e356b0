"""Bad and unusual rasters: bands, bit depth, palette, nodata, no CRS, no overlap, corrupt files."""

from __future__ import annotations

import numpy as np
import pytest
from shapely.geometry import box
from solar_testkit import X0, Y0, write_raster

from smart_society.plugins.solar_detect.core.engine import DetectionParams, detect_panels, plan_detection
from smart_society.plugins.solar_detect.core.errors import SolarDetectError
from smart_society.plugins.solar_detect.core.raster import RasterReader, describe_raster


def _read_all(path, gsd=0.08):
    info = describe_raster(path, gsd)
    return info, *RasterReader(info).read_model_window(0, 0, info.model_width, info.model_height)


def test_one_band_grey_is_replicated(tmp_path):
    grey = np.tile(np.arange(64, dtype=np.uint8) * 4, (32, 1))
    info, rgb, valid = _read_all(write_raster(tmp_path / "grey.tif", grey))
    assert info.bands == (1, 1, 1)
    assert np.array_equal(rgb[..., 0], grey) and np.array_equal(rgb[..., 2], grey)
    assert valid.all()


def test_sixteen_bit_twelve_bit_data_is_scaled(tmp_path):
    data = np.zeros((3, 32, 32), np.uint16)
    data[:, :, :16] = 4095
    data[:, :, 16:] = 2048
    info, rgb, _valid = _read_all(write_raster(tmp_path / "u16.tif", data))
    assert info.scale == pytest.approx(255 / 4095)
    assert rgb[0, 0, 0] == 255 and abs(int(rgb[0, 20, 1]) - 127) <= 1


def test_sixteen_bit_holding_8_bit_values_with_nodata_256(tmp_path):
    """The PDOK crops in nl_luchtfoto_8cm_dev: UInt16 with 0-255 values and nodata 256 outside the roof."""
    data = np.full((3, 20, 20), 256, np.uint16)
    data[:, 5:15, 5:15] = 120
    info, rgb, valid = _read_all(write_raster(tmp_path / "pdok.tif", data, nodata=256))
    assert info.scale == 1.0
    assert valid.sum() == 100 and valid[5:15, 5:15].all()
    assert (rgb[valid] == 120).all() and (rgb[~valid] == 0).all()


def test_four_band_rgba_alpha_masks_and_rgbi_uses_rgb(tmp_path):
    data = np.zeros((4, 16, 16), np.uint8)
    data[0], data[1], data[2] = 10, 20, 30
    data[3, :8] = 255
    info, rgb, valid = _read_all(write_raster(tmp_path / "rgba.tif", data, photometric="RGB"))
    assert info.alpha_band == 4 or info.bands == (1, 2, 3)
    assert tuple(rgb[0, 0]) == (10, 20, 30)
    if info.alpha_band:
        assert valid[:8].all() and not valid[8:].any()
    data[3] = 99  # infrared, not alpha
    path = write_raster(tmp_path / "rgbi.tif", data)
    info, rgb, valid = _read_all(path)
    assert tuple(rgb[3, 3]) == (10, 20, 30) and valid.all()


def test_paletted_raster_is_expanded(tmp_path):
    index = np.zeros((16, 16), np.uint8)
    index[:, 8:] = 1
    path = write_raster(
        tmp_path / "palette.tif", index, colormap={0: (200, 10, 10, 255), 1: (0, 0, 250, 255)}
    )
    info, rgb, _valid = _read_all(path)
    assert info.palette is not None
    assert tuple(rgb[0, 0]) == (200, 10, 10) and tuple(rgb[0, 15]) == (0, 0, 250)


def test_raster_without_crs_is_refused(tmp_path):
    path = write_raster(tmp_path / "nocrs.tif", np.zeros((3, 8, 8), np.uint8), crs=None)
    with pytest.raises(SolarDetectError, match="nocrs.tif.*no coordinate reference system"):
        describe_raster(path, 0.08)


def test_corrupt_and_missing_rasters(tmp_path):
    corrupt = tmp_path / "corrupt.tif"
    corrupt.write_bytes(b"II*\x00" + b"\x07" * 100)
    with pytest.raises(SolarDetectError, match="corrupt.tif"):
        describe_raster(corrupt, 0.08)
    with pytest.raises(SolarDetectError, match="absent.tif.*does not exist"):
        describe_raster(tmp_path / "absent.tif", 0.08)


def test_truncated_raster_fails_clearly_when_read(tmp_path, shipped_model):
    data = np.random.default_rng(1).integers(0, 255, (3, 600, 600), dtype=np.uint8)
    path = write_raster(tmp_path / "full.tif", data)
    raw = path.read_bytes()
    truncated = tmp_path / "truncated.tif"
    truncated.write_bytes(raw[: len(raw) // 3] + raw[-4096:])
    with pytest.raises(SolarDetectError, match="truncated.tif"):
        detect_panels(str(truncated), None, DetectionParams())


def test_footprints_that_do_not_overlap(tmp_path):
    path = write_raster(tmp_path / "small.tif", np.zeros((3, 64, 64), np.uint8))
    far = [box(X0 + 1000, Y0 + 1000, X0 + 1010, Y0 + 1010)]
    with pytest.raises(SolarDetectError, match="small.tif.*does not overlap any building footprint"):
        plan_detection(str(path), far, DetectionParams())


def test_nodata_everywhere_gives_no_panels(tmp_path):
    path = write_raster(tmp_path / "empty.tif", np.full((3, 300, 300), 0, np.uint8), nodata=0)
    result = detect_panels(str(path), None, DetectionParams())
    assert result.panels == []
    assert result.stats["tiles_total"] >= 1 and result.stats["pixels"] == 0


def test_resampling_to_the_model_grid(tmp_path):
    from rasterio.transform import from_origin

    path = write_raster(
        tmp_path / "coarse.tif", np.full((3, 50, 40), 90, np.uint8), transform=from_origin(X0, Y0, 0.20, 0.20)
    )
    info = describe_raster(path, 0.08)
    assert (info.model_width, info.model_height) == (100, 125)
    assert info.model_geotransform[1] == pytest.approx(0.08)
