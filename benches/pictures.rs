//! Decoding a 4000×3000 JPEG (a camera photo) and downscaling it to a 1920×1080 and a
//! 3840×2160 screen, as the picture decoders do; the shipped PNGs at 4K.
//!
//! Run with `cargo bench --bench pictures`.

#![allow(
    clippy::cast_possible_truncation,
    reason = "the fixture picture is made from pixel coordinates"
)]

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use vitrina::platform::images::decode;

/// A 4000×3000 photo-like JPEG (smooth gradients and some noise, quality 85).
fn write_photo(path: &Path) {
    let mut seed = 0x2545_F491_u32;
    let image = image::RgbImage::from_fn(4000, 3000, |x, y| {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        let noise = (seed % 24) as u8;
        image::Rgb([
            ((x * 255 / 4000) as u8).saturating_add(noise),
            ((y * 255 / 3000) as u8).saturating_add(noise),
            (((x + y) / 30 % 256) as u8).saturating_add(noise),
        ])
    });
    let file = std::io::BufWriter::new(std::fs::File::create(path).expect("create"));
    let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(file, 85);
    image.write_with_encoder(encoder).expect("encode");
}

fn pictures(c: &mut Criterion) {
    let dir = std::env::temp_dir().join(format!("vitrina-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let photo = dir.join("photo-4000x3000.jpg");
    write_photo(&photo);
    let mut group = c.benchmark_group("decode");
    group.sample_size(10);
    group.bench_function("jpeg 4000x3000 to 1920", |b| {
        b.iter(|| black_box(decode(&photo, 1920).expect("decodes").size));
    });
    group.bench_function("jpeg 4000x3000 to 3840", |b| {
        b.iter(|| black_box(decode(&photo, 3840).expect("decodes").size));
    });
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/illustrations/energy.png");
    group.bench_function("shipped png 2560x1440 at 3840", |b| {
        b.iter(|| black_box(decode(&shipped, 3840).expect("decodes").size));
    });
    group.finish();
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group!(benches, pictures);
criterion_main!(benches);
