"""The demo's usage video, cleaning an air conditioner's filter: made here, nothing downloaded.

Twelve slides drawn with Pillow, two per step so that each step moves, are encoded as
H.264 MP4 by the ffmpeg binary the imageio-ffmpeg wheel ships (a pinned dependency:
without it this fails loudly rather than leave the manuals without their video). H.264
plays on every phone, in Safari and in Debian's chromium. The file is cut for phones on
a slow line: a keyframe every second so that a seek lands at once, and the index before
the pictures ("faststart") so that playback starts before the whole file is in.

Captions in both languages follow the steps. Rows are found by title and files are
drawn only when missing, so a second run adds no row and writes no file.
"""

import io
import math
import subprocess
import tempfile
from pathlib import Path

import imageio_ffmpeg
from PIL import Image, ImageDraw
from wagtail.images import get_image_model

from cms.models import Video

from .canvas import BODY, BRAND, GLASS, INK, STEEL, WHITE, Frame, font, mix
from .data import CATEGORIES
from .images import store
from .parts import filter_mesh

TITLE = "空调滤网清洗 / Cleaning the AC filter"
POSTER_TITLE = "空调滤网清洗 封面 / Cleaning the AC filter, poster"
NAME = "ac-filter-cleaning"
WIDTH, HEIGHT = 640, 360
SCALE = 2  # drawn at twice the size and scaled down, for smooth edges
SLIDES_PER_STEP = 2  # one slide a second
ACCENT = CATEGORIES["air_conditioner"][2]
WATER = "#5DADE2"
GO = "#2E9E5B"
STOP = "#D64541"

# (Chinese cue, English cue, scene drawn under it)
STEPS = [
    ("第一步：关机并断开电源。", "Step 1: switch off and unplug.", "unplug"),
    ("第二步：掀开前面板。", "Step 2: lift the front panel.", "open"),
    ("第三步：向下抽出滤网。", "Step 3: slide the filter out.", "remove"),
    ("第四步：用温水冲洗滤网。", "Step 4: rinse it in lukewarm water.", "rinse"),
    ("第五步：放在阴凉处晾干，不要暴晒。", "Step 5: dry it in the shade, not the sun.", "dry"),
    ("第六步：装回滤网，合上面板。", "Step 6: slide it back, close the panel.", "refit"),
]
DURATION_SECONDS = len(STEPS) * SLIDES_PER_STEP


def ensure_demo_video() -> Video:
    """The demo video with its poster and captions, made on the first call only."""
    poster = _ensure_poster()
    video = Video.objects.filter(title=TITLE).first() or Video(title=TITLE)
    wanted = {"poster_id": poster.pk, "duration_seconds": DURATION_SECONDS}
    changed = video.pk is None or any(getattr(video, k) != v for k, v in wanted.items())
    for name, value in wanted.items():
        setattr(video, name, value)
    made = [
        store(video.file, f"{NAME}.mp4", _encode),
        store(video.captions_zh_hans, f"{NAME}.zh-hans.vtt", lambda: _webvtt(0)),
        store(video.captions_en, f"{NAME}.en.vtt", lambda: _webvtt(1)),
    ]
    if changed or any(made):
        video.save()
    return video


def _ensure_poster():
    image_model = get_image_model()
    poster = image_model.objects.filter(title=POSTER_TITLE).first()
    # A flushed test database has no root collection until editorial.py recreates it later.
    from wagtail.models import Collection

    root = Collection.get_first_root_node() or Collection.add_root(name="Root")
    poster = poster or image_model(title=POSTER_TITLE, collection=root)
    if store(poster.file, f"{NAME}-poster.png", lambda: _png(_poster())):
        # store() hands Django a nameless ContentFile, from which ImageField cannot read the
        # width and height it must save: read them back from the stored file.
        poster._meta.get_field("file").update_dimension_fields(poster, force=True)
        poster._set_image_file_metadata()  # size and hash, as an upload through the admin sets
        poster.save()
    return poster


# --- Encoding ---------------------------------------------------------------------------


def _encode() -> bytes:
    """The slideshow as MP4 bytes."""
    ffmpeg = imageio_ffmpeg.get_ffmpeg_exe()
    with tempfile.TemporaryDirectory(prefix="aftercare-video-") as tmp:
        folder = Path(tmp)
        for number, slide in enumerate(_slides()):
            (folder / f"frame{number:02d}.png").write_bytes(_png(slide))
        # Each picture lasts a second (-framerate 1), repeated at the 25 fps players expect;
        # -g 25: a keyframe every second.
        command = [
            ffmpeg, "-hide_banner", "-loglevel", "error", "-y",
            "-framerate", "1", "-i", str(folder / "frame%02d.png"),
            "-r", "25", "-g", "25", "-keyint_min", "25", "-an",
            "-c:v", "libx264", "-preset", "veryfast", "-tune", "stillimage", "-crf", "26",
            "-profile:v", "main", "-pix_fmt", "yuv420p", "-movflags", "+faststart",
            str(folder / "clip.mp4"),
        ]  # fmt: skip
        result = subprocess.run(command, capture_output=True, text=True, timeout=120)
        if result.returncode:
            raise RuntimeError(f"ffmpeg could not encode the demo video: {result.stderr}")
        return (folder / "clip.mp4").read_bytes()


def _webvtt(language: int) -> bytes:
    """Captions in one language (0 Chinese, 1 English), one cue per step."""
    seconds = SLIDES_PER_STEP
    cues = [
        f"{n}\n{_stamp(n * seconds - seconds)} --> {_stamp(n * seconds)}\n{step[language]}\n"
        for n, step in enumerate(STEPS, start=1)
    ]
    return ("WEBVTT\n\n" + "\n".join(cues)).encode()


def _stamp(seconds: int) -> str:
    return f"00:{seconds // 60:02d}:{seconds % 60:02d}.000"


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.resize((WIDTH, HEIGHT), Image.Resampling.LANCZOS).save(buffer, "PNG")
    return buffer.getvalue()


# --- Drawing ----------------------------------------------------------------------------


def _slides() -> list[Image.Image]:
    slides = []
    for number, (_zh, en, scene) in enumerate(STEPS, start=1):
        for phase in range(SLIDES_PER_STEP):
            image, d, canvas = _canvas()
            SCENES[scene](d, canvas.sub(0.22, 0.13, 0.78, 0.8), phase)
            _chrome(d, canvas, f"STEP {number} / {len(STEPS)}", en)
            slides.append(image)
    return slides


def _poster() -> Image.Image:
    image, d, canvas = _canvas()
    _remove(d, canvas.sub(0.22, 0.13, 0.78, 0.8), 0)
    _chrome(d, canvas, "USAGE VIDEO", "Cleaning the AC filter")
    return image


def _canvas() -> tuple[Image.Image, ImageDraw.ImageDraw, Frame]:
    w, h = WIDTH * SCALE, HEIGHT * SCALE
    image = Image.new("RGB", (w, h), mix(ACCENT, WHITE, 0.9))
    return image, ImageDraw.Draw(image), Frame(0, 0, w, h)


def _chrome(d: ImageDraw.ImageDraw, f: Frame, label: str, caption: str) -> None:
    """Brand and label along the top, the step's words in a white band along the bottom."""
    d.text(f.pt(0.03, 0.06), "AFTERCARE", fill=BRAND, font=font(f.px(0.05)), anchor="lm")
    d.text(f.pt(0.97, 0.06), label, fill=INK, font=font(f.px(0.045)), anchor="rm")
    d.rectangle(f.rect(0, 0.83, 1, 1), fill=WHITE)
    d.rectangle(f.rect(0, 0.83, 1, 0.84), fill=ACCENT)
    d.text(f.pt(0.5, 0.915), caption, fill=INK, font=font(f.px(0.075)), anchor="mm")


def _unit(d: ImageDraw.ImageDraw, f: Frame, *, panel: str, light: str = GO) -> None:
    """The indoor unit across the top of the scene; `panel` is "closed", "open" or "none"."""
    d.rounded_rectangle(f.rect(0.04, 0.2, 0.96, 0.5), radius=f.px(0.05), fill=BODY, **_ink(f))
    d.rectangle(f.rect(0.1, 0.43, 0.9, 0.47), fill=GLASS)
    if panel == "closed":
        d.rounded_rectangle(
            f.rect(0.06, 0.22, 0.94, 0.41), radius=f.px(0.03), fill=mix(ACCENT, WHITE, 0.85)
        )
        d.ellipse(f.circle(0.85, 0.31, 0.015), fill=light)
    elif panel == "open":
        d.polygon(f.poly((0.06, 0.21), (0.94, 0.21), (0.9, 0.04), (0.1, 0.04)), fill=STEEL)
        d.line([f.pt(0.06, 0.21), f.pt(0.94, 0.21)], fill=INK, width=f.px(0.012))


def _filter(d: ImageDraw.ImageDraw, f: Frame, fx0: float, fy0: float, fx1: float, fy1: float):
    # parts.filter_mesh fills the middle of its box: widen the box so the mesh fills ours.
    w, h = fx1 - fx0, fy1 - fy0
    box = f.sub(fx0 - w * 0.195, fy0 - h * 0.39, fx1 + w * 0.195, fy1 + h * 0.39)
    filter_mesh(d, box, ACCENT)


def _arrow(d: ImageDraw.ImageDraw, f: Frame, start: tuple, end: tuple, colour: str = INK):
    (x0, y0), (x1, y1) = f.pt(*start), f.pt(*end)
    d.line([(x0, y0), (x1, y1)], fill=colour, width=f.px(0.025))
    length = max(((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5, 1)
    ux, uy, head = (x1 - x0) / length, (y1 - y0) / length, f.px(0.06)
    d.polygon(
        [
            (x1 + ux * head * 0.6, y1 + uy * head * 0.6),
            (x1 - uy * head * 0.6, y1 + ux * head * 0.6),
            (x1 + uy * head * 0.6, y1 - ux * head * 0.6),
        ],
        fill=colour,
    )


def _tick(d: ImageDraw.ImageDraw, f: Frame, fx: float, fy: float) -> None:
    d.ellipse(f.circle(fx, fy, 0.09), fill=GO)
    points = f.poly((fx - 0.04, fy), (fx - 0.01, fy + 0.04), (fx + 0.045, fy - 0.05))
    d.line(points, fill=WHITE, width=f.px(0.025), joint="curve")


def _ink(f: Frame) -> dict:
    return {"outline": INK, "width": f.px(0.012)}


def _unplug(d: ImageDraw.ImageDraw, f: Frame, phase: int) -> None:
    _unit(d, f, panel="closed", light=STOP if phase else GO)
    d.rounded_rectangle(f.rect(0.7, 0.62, 0.9, 0.92), radius=f.px(0.02), fill=WHITE, **_ink(f))
    for fx in (0.77, 0.83):
        d.rectangle(f.rect(fx - 0.008, 0.72, fx + 0.008, 0.8), fill=INK)
    plug_x = 0.5 if phase else 0.62
    d.line([f.pt(0.2, 0.5), f.pt(0.2, 0.77), f.pt(plug_x - 0.1, 0.77)], fill=INK, width=f.px(0.02))
    d.rounded_rectangle(f.rect(plug_x - 0.1, 0.7, plug_x, 0.84), radius=f.px(0.02), fill=STEEL)
    for fy in (0.74, 0.8):
        d.rectangle(f.rect(plug_x, fy - 0.006, plug_x + 0.06, fy + 0.006), fill=INK)
    if phase:
        _arrow(d, f, (0.4, 0.95), (0.28, 0.95))


def _open(d: ImageDraw.ImageDraw, f: Frame, phase: int) -> None:
    _unit(d, f, panel="open" if phase else "closed", light=STOP)
    if phase:
        _filter(d, f, 0.08, 0.22, 0.92, 0.41)
    else:
        _arrow(d, f, (0.5, 0.3), (0.5, 0.08))


def _remove(d: ImageDraw.ImageDraw, f: Frame, phase: int) -> None:
    _unit(d, f, panel="open", light=STOP)
    top = 0.66 if phase else 0.36
    _filter(d, f, 0.2, top, 0.8, top + 0.3)
    _arrow(d, f, (0.9, top), (0.9, top + 0.25))


def _rinse(d: ImageDraw.ImageDraw, f: Frame, phase: int) -> None:
    d.rectangle(f.rect(0.3, 0.02, 0.62, 0.08), fill=STEEL, **_ink(f))
    d.rectangle(f.rect(0.54, 0.08, 0.62, 0.16), fill=STEEL, **_ink(f))
    for n in range(4):
        fy = 0.22 + ((n * 0.09 + phase * 0.045) % 0.3)
        for fx in (0.5, 0.58, 0.66):
            d.ellipse(f.rect(fx - 0.012, fy - 0.025, fx + 0.012, fy + 0.025), fill=WATER)
    _filter(d, f, 0.25, 0.55, 0.85, 0.95)


def _dry(d: ImageDraw.ImageDraw, f: Frame, phase: int) -> None:
    _filter(d, f, 0.05, 0.45, 0.55, 0.85)
    sun, gold = (0.8, 0.3), "#F5B041"
    d.ellipse(f.circle(*sun, 0.1), fill=gold)
    for n in range(8):
        # The scene is wider than tall: scale x by its aspect so the rays form a circle.
        dx, dy = math.cos(n * math.pi / 4) * f.h / f.w, math.sin(n * math.pi / 4)
        ray = [f.pt(sun[0] + dx * r, sun[1] + dy * r) for r in (0.14, 0.2)]
        d.line(ray, fill=gold, width=f.px(0.015))
    if phase:
        d.line([f.pt(0.66, 0.08), f.pt(0.94, 0.52)], fill=STOP, width=f.px(0.03))


def _refit(d: ImageDraw.ImageDraw, f: Frame, phase: int) -> None:
    if phase:
        _unit(d, f, panel="closed")
        _tick(d, f, 0.5, 0.75)
    else:
        _unit(d, f, panel="open", light=STOP)
        _filter(d, f, 0.2, 0.5, 0.8, 0.8)
        _arrow(d, f, (0.9, 0.8), (0.9, 0.55))


SCENES = {
    "unplug": _unplug,
    "open": _open,
    "remove": _remove,
    "rinse": _rinse,
    "dry": _dry,
    "refit": _refit,
}
