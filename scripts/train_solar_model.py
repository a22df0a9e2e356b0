"""Train the shipped solar-panel segmentation model (reproducible, seeded, CPU) and export it to ONNX.

    /work/main/.venv/bin/pip install -r requirements-train.txt
    PYTHONPATH=.build/pypath .venv/bin/python scripts/train_solar_model.py \
        --out resources/models/solar_unet_8cm.onnx

Training data:
- synthetic roof scenes rendered by ``plugins/solar_detect/core/synthetic.py`` (seeded pool);
- the real PV01 pairs (Jiang et al. 2021, CC BY 4.0) in ../shared/data/solar_pv01_jiang2021 with the fixed
  split of ``plugins/solar_detect/core/datasets.py`` (64 train / 16 held out for evaluation: every 5th
  pair in name order); the held-out pairs and nl_luchtfoto_8cm_dev are never used for training.
Fine-tuning stages (as used for the shipped file, see resources/models/solar_unet_8cm.md): --init a
checkpoint, --pool-seed / --extra-pool for further synthetic scenes. The network is a compact U-Net
(about 234k parameters) that takes 8-bit RGB at 8 cm/px (float 0-255,
NCHW) and returns the panel probability. Metadata (resolution, tile size, threshold, classes, training
data, licence, validation metrics) is stored inside the ONNX file.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path[:] = [p for p in sys.path if p not in ("", ".") and Path(p).resolve() != REPO_ROOT]
sys.path.insert(0, str(REPO_ROOT / ".build" / "pypath"))

import torch  # noqa: E402
from torch import nn  # noqa: E402
from torch.nn import functional as F  # noqa: E402, N812

from smart_society.plugins.solar_detect.core import datasets  # noqa: E402
from smart_society.plugins.solar_detect.core.synthetic import render_scene  # noqa: E402

SEED = 20260525


def block(cin, cout, stride=1, dilation=1):
    return nn.Sequential(
        nn.Conv2d(cin, cout, 3, stride=stride, padding=dilation, dilation=dilation, bias=False),
        nn.BatchNorm2d(cout),
        nn.ReLU(inplace=True),
    )


class TinyUNet(nn.Module):
    """Full-resolution stem, four stride-2 stages, bilinear decoder with skips; input 0-255 RGB."""

    def __init__(self, w=(8, 16, 32, 64, 64)):
        super().__init__()
        self.stem = block(3, w[0])
        self.d1 = nn.Sequential(block(w[0], w[1], 2), block(w[1], w[1]))
        self.d2 = nn.Sequential(block(w[1], w[2], 2), block(w[2], w[2]))
        self.d3 = nn.Sequential(block(w[2], w[3], 2), block(w[3], w[3]))
        self.d4 = nn.Sequential(block(w[3], w[4], 2), block(w[4], w[4], dilation=2))
        self.u3 = block(w[4] + w[3], 48)
        self.u2 = block(48 + w[2], 32)
        self.u1 = block(32 + w[1], 16)
        self.u0 = block(16 + w[0], 8)
        self.head = nn.Conv2d(8, 1, 1)

    @staticmethod
    def up(x, ref):
        return F.interpolate(x, size=ref.shape[-2:], mode="bilinear", align_corners=False)

    def forward(self, x):
        x = x / 127.5 - 1.0
        f0 = self.stem(x)
        f1 = self.d1(f0)
        f2 = self.d2(f1)
        f3 = self.d3(f2)
        f4 = self.d4(f3)
        y = self.u3(torch.cat([self.up(f4, f3), f3], 1))
        y = self.u2(torch.cat([self.up(y, f2), f2], 1))
        y = self.u1(torch.cat([self.up(y, f1), f1], 1))
        y = self.u0(torch.cat([self.up(y, f0), f0], 1))
        return self.head(y)


class Probability(nn.Module):
    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, x):
        return torch.sigmoid(self.net(x))


def build_pool(n, size, seed, cache: Path | None, hard_cases: float = 0.0):
    if cache is not None and cache.exists():
        data = np.load(cache)
        if data["images"].shape[0] == n and data["images"].shape[1] == size:
            return data["images"], data["labels"]
    rng = np.random.default_rng(seed)
    images = np.empty((n, size, size, 3), np.uint8)
    labels = np.empty((n, size, size), np.uint8)
    started = time.time()
    for i in range(n):
        scene = render_scene(rng, size, panel_probability=0.65, hard_cases=hard_cases)
        images[i], labels[i] = scene.image, scene.label
        if i % 200 == 0:
            print(f"  rendered {i}/{n} ({time.time() - started:.0f} s)", flush=True)
    if cache is not None:
        np.savez(cache, images=images, labels=labels)
    return images, labels


def load_pv01(root: Path, names):
    """PV01 pairs resampled from about 10 cm to the model's 8 cm (x1.25), as uint8 arrays."""
    from PIL import Image

    out = []
    for name in names:
        img = Image.open(root / "images" / f"{name}.bmp").convert("RGB")
        mask = Image.open(root / "masks" / f"{name}.bmp")
        size = int(round(img.width * datasets.PV01_GSD / 0.08))
        img = np.asarray(img.resize((size, size), Image.BILINEAR))
        mask = (np.asarray(mask.resize((size, size), Image.NEAREST)) > 0).astype(np.uint8)
        out.append((img, mask))
    return out


def augment(rng, img, lab):
    k = int(rng.integers(4))
    img, lab = np.rot90(img, k), np.rot90(lab, k)
    if rng.random() < 0.5:
        img, lab = img[:, ::-1], lab[:, ::-1]
    return img, lab


def nodata_holes(rng, img, lab, chance):
    """Zero-filled rectangles (as the reader fills nodata) with no panels in them: roof crops have nodata
    holes where superstructures were clipped out, and a black hole must not read as an all-black panel."""
    if chance <= 0 or rng.random() >= chance:
        return img, lab
    img, lab = img.copy(), lab.copy()
    h, w = lab.shape
    for _ in range(int(rng.integers(1, 3))):
        hh, ww = int(rng.integers(8, 64)), int(rng.integers(8, 64))
        y, x = int(rng.integers(0, h - hh)), int(rng.integers(0, w - ww))
        img[y : y + hh, x : x + ww] = 0
        lab[y : y + hh, x : x + ww] = 0
    return img, lab


def random_crop(rng, img, lab, crop):
    h, w = lab.shape
    y, x = int(rng.integers(0, h - crop + 1)), int(rng.integers(0, w - crop + 1))
    return img[y : y + crop, x : x + crop], lab[y : y + crop, x : x + crop]


def loss_fn(logits, target):
    bce = F.binary_cross_entropy_with_logits(logits, target)
    p = torch.sigmoid(logits)
    inter = (p * target).sum()
    dice = 1 - (2 * inter + 1) / (p.sum() + target.sum() + 1)
    return bce + 0.5 * dice


def predict(net, img):
    with torch.no_grad():
        h, w = img.shape[:2]
        ph, pw = (16 - h % 16) % 16, (16 - w % 16) % 16
        x = np.pad(img, ((0, ph), (0, pw), (0, 0)), mode="reflect")
        t = torch.from_numpy(np.ascontiguousarray(x.transpose(2, 0, 1)[None], np.float32))
        return torch.sigmoid(net(t))[0, 0, :h, :w].numpy()


def iou(pred, truth):
    inter = np.logical_and(pred, truth).sum()
    union = np.logical_or(pred, truth).sum()
    return float(inter / union) if union else 1.0


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", default=str(REPO_ROOT / "resources" / "models" / "solar_unet_8cm.onnx"))
    parser.add_argument("--pv01", default=str(REPO_ROOT.parent / "shared" / "data" / "solar_pv01_jiang2021"))
    parser.add_argument("--steps", type=int, default=2400)
    parser.add_argument("--batch", type=int, default=8)
    parser.add_argument("--crop", type=int, default=160)
    parser.add_argument("--pool", type=int, default=1600)
    parser.add_argument("--pool-size", type=int, default=192)
    parser.add_argument("--pool-cache", default="/tmp/solar_synthetic_pool.npz")
    parser.add_argument("--lr", type=float, default=3e-3)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--init", default="", help="optional state_dict (.pt) to start from (fine-tuning)")
    parser.add_argument("--pool-seed", type=int, default=SEED)
    parser.add_argument(
        "--extra-pool",
        action="append",
        default=[],
        help="cached pool (.npz) added to the rendered one, e.g. from sample_training_pool.py (repeatable)",
    )
    parser.add_argument(
        "--hard-cases",
        type=float,
        default=0.0,
        help="share of pool roofs that are hard cases (black frameless panels, light corrugated/dark metal)",
    )
    parser.add_argument(
        "--nodata-holes",
        type=float,
        default=0.0,
        help="chance that a pool crop gets one or two zero-filled nodata rectangles without panels",
    )
    parser.add_argument(
        "--freeze-bn",
        action="store_true",
        help="keep the batch-norm statistics of --init (fine-tuning without shifting them to the new pool)",
    )
    parser.add_argument("--render-only", action="store_true", help="render and cache the pool, then stop")
    args = parser.parse_args()

    torch.manual_seed(SEED)
    torch.set_num_threads(args.threads)
    rng = np.random.default_rng(SEED)
    pv01_root = Path(args.pv01)
    train_names, eval_names = datasets.pv01_split(pv01_root)
    print(f"PV01: {len(train_names)} train, {len(eval_names)} held out", flush=True)
    pv_train = load_pv01(pv01_root, train_names)
    pv_eval = load_pv01(pv01_root, eval_names)
    print("rendering the synthetic pool ...", flush=True)
    cache = Path(args.pool_cache) if args.pool_cache else None
    pool_img, pool_lab = build_pool(args.pool, args.pool_size, args.pool_seed, cache, args.hard_cases)
    if args.render_only:
        return
    extra_descriptions = []
    for extra_path in args.extra_pool:
        extra = np.load(extra_path)
        pool_img = np.concatenate([pool_img, extra["images"]])
        pool_lab = np.concatenate([pool_lab, extra["labels"]])
        described = str(extra["description"]) if "description" in extra else Path(extra_path).name
        extra_descriptions.append(f"{len(extra['images'])} {described}")
        print(f"pool: {len(pool_img)} scenes with {extra_path}", flush=True)
    val_rng = np.random.default_rng(SEED + 1)
    synth_val = [render_scene(val_rng, 256, panel_probability=0.7) for _ in range(24)]

    net = TinyUNet()
    if args.init:
        net.load_state_dict(torch.load(args.init))
    n_params = sum(p.numel() for p in net.parameters())
    print(f"parameters: {n_params}", flush=True)
    opt = torch.optim.AdamW(net.parameters(), lr=args.lr, weight_decay=1e-4)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=args.lr, total_steps=args.steps, pct_start=0.08)
    n_pv = max(1, args.batch // 4)
    started = time.time()
    running = 0.0
    for step in range(args.steps):
        imgs, labs = [], []
        for i in range(args.batch):
            if i < n_pv:
                img, lab = pv_train[int(rng.integers(len(pv_train)))]
            else:
                j = int(rng.integers(len(pool_img)))
                img, lab = pool_img[j], pool_lab[j]
            img, lab = random_crop(rng, img, lab, args.crop)
            img, lab = augment(rng, img, lab)
            if i < n_pv:  # photometric jitter on the real pairs
                img = np.clip(img * rng.uniform(0.85, 1.15, 3) + rng.normal(0, 6), 0, 255)
            else:
                img, lab = nodata_holes(rng, img, lab, args.nodata_holes)
            imgs.append(np.asarray(img, np.float32).transpose(2, 0, 1))
            labs.append(np.asarray(lab, np.float32)[None])
        x = torch.from_numpy(np.stack(imgs))
        y = torch.from_numpy(np.stack(labs))
        net.train()
        if args.freeze_bn:
            for module in net.modules():
                if isinstance(module, nn.BatchNorm2d):
                    module.eval()
        loss = loss_fn(net(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
        running = 0.98 * running + 0.02 * float(loss) if step else float(loss)
        if step % 50 == 0 or step == args.steps - 1:
            el = time.time() - started
            print(
                f"step {step}/{args.steps} loss {running:.4f} {el:.0f} s "
                f"(eta {el / (step + 1) * (args.steps - step - 1):.0f} s)",
                flush=True,
            )
        if step and step % 600 == 0:
            torch.save(net.state_dict(), "/tmp/solar_train_checkpoint.pt")

    net.eval()
    torch.save(net.state_dict(), "/tmp/solar_train_final.pt")
    pv_ious = [iou(predict(net, img) >= 0.5, lab > 0) for img, lab in pv_eval]
    pv_pixel = _pooled_iou([(predict(net, img) >= 0.5, lab > 0) for img, lab in pv_eval])
    syn_pixel = _pooled_iou([(predict(net, s.image) >= 0.5, s.label > 0) for s in synth_val])
    metrics = {
        "pv01_heldout_pixel_iou": round(pv_pixel, 4),
        "pv01_heldout_mean_image_iou": round(float(np.mean(pv_ious)), 4),
        "synthetic_validation_pixel_iou": round(syn_pixel, 4),
    }
    print("validation:", json.dumps(metrics), flush=True)
    export(net, Path(args.out), metrics, args, n_params, extra_descriptions)


def _pooled_iou(pairs):
    inter = sum(int(np.logical_and(p, t).sum()) for p, t in pairs)
    union = sum(int(np.logical_or(p, t).sum()) for p, t in pairs)
    return inter / union if union else 1.0


def export(net, out: Path, metrics: dict, args, n_params: int, extra_descriptions=()):
    import onnx

    out.parent.mkdir(parents=True, exist_ok=True)
    model = Probability(net).eval()
    dummy = torch.zeros(1, 3, 256, 256)
    tmp = out.with_suffix(".tmp.onnx")
    torch.onnx.export(
        model,
        dummy,
        str(tmp),
        dynamo=False,
        input_names=["image"],
        output_names=["probability"],
        dynamic_axes={
            "image": {0: "batch", 2: "height", 3: "width"},
            "probability": {0: "batch", 2: "height", 3: "width"},
        },
        opset_version=17,
        do_constant_folding=True,
    )
    proto = onnx.load(str(tmp))
    tmp.unlink()
    meta = {
        "name": "Smart Society solar panels U-Net 8 cm",
        "version": time.strftime("%Y.%m.%d"),
        "model_type": "segmentation",
        "cm_per_px": "8",
        "tile_size": "512",
        "overlap": "32",
        "threshold": "0.5",
        "classes": json.dumps(["background", "solar_panel"]),
        "input": "RGB, float32 0-255, NCHW, height and width multiples of 16",
        "output": "probability of solar_panel, float32 0-1, N x 1 x H x W",
        "parameters": str(n_params),
        "training_data": (
            f"{args.pool} synthetic roof scenes (smart_society synthetic renderer, seed {SEED}); "
            f"{len(datasets.pv01_split_names()[0])} PV01 pairs (Jiang, Yao, Liu 2021, Zenodo "
            "10.5281/zenodo.5171712), split: every 5th pair in name order held out"
            + "".join(f"; {text}" for text in extra_descriptions)
        ),
        "licence": "model: EUPL-1.2; PV01 training data CC BY 4.0 (Jiang H., Yao L., Liu Y. 2021)",
        "metrics": json.dumps(metrics),
        "training": json.dumps(
            {
                "steps": args.steps,
                "batch": args.batch,
                "crop": args.crop,
                "lr": args.lr,
                "seed": SEED,
                "torch": torch.__version__,
            }
        ),
    }
    del proto.metadata_props[:]
    for key, value in meta.items():
        entry = proto.metadata_props.add()
        entry.key, entry.value = key, value
    proto.doc_string = "Solar-panel segmentation for 8 cm aerial photos (Dordrecht Smart Twin)"
    onnx.save(proto, str(out))
    print(f"wrote {out} ({out.stat().st_size / 1e6:.2f} MB)", flush=True)


if __name__ == "__main__":
    main()

