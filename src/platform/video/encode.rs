//! Writing a small H.264 MP4 clip from frames: for tests (a clip made in the test itself)
//! and for the clip the project ships, made by the app rather than downloaded. OpenH264
//! encodes (Constrained Baseline, what every decoder reads) and the `mp4` crate writes the
//! file.

use std::io::Cursor;

use mp4::{
    AvcConfig, FourCC, MediaConfig, Mp4Config, Mp4Sample, Mp4Writer, TrackConfig, TrackType,
};
use openh264::encoder::{Encoder, EncoderConfig, FrameRate};
use openh264::formats::{RgbSliceU8, YUVBuffer};

/// Encodes `frames` (each `width × height` RGB, 3 bytes a pixel, both sides even) at `fps`
/// into an MP4 file's bytes.
pub fn encode_mp4(
    width: u16,
    height: u16,
    fps: u32,
    frames: &[Vec<u8>],
) -> Result<Vec<u8>, String> {
    let size = (usize::from(width), usize::from(height));
    #[expect(clippy::cast_precision_loss, reason = "a frame rate")]
    let config = EncoderConfig::new().max_frame_rate(FrameRate::from_hz(fps as f32));
    let mut encoder = Encoder::with_api_config(openh264::OpenH264API::from_source(), config)
        .map_err(|e| e.to_string())?;
    let mut sps = None;
    let mut pps = None;
    let mut samples = Vec::with_capacity(frames.len());
    for rgb in frames {
        if rgb.len() != size.0 * size.1 * 3 {
            return Err(format!(
                "a frame has {} bytes, not {width} × {height} × 3",
                rgb.len()
            ));
        }
        let yuv = YUVBuffer::from_rgb_source(RgbSliceU8::new(rgb, size));
        let stream = encoder.encode(&yuv).map_err(|e| e.to_string())?.to_vec();
        let mut avcc = Vec::new();
        let mut is_sync = false;
        for nal in split_annex_b(&stream) {
            let Some(&header) = nal.first() else { continue };
            match header & 0x1f {
                7 => sps = Some(nal.to_vec()),
                8 => pps = Some(nal.to_vec()),
                kind => {
                    is_sync |= kind == 5;
                    let len = u32::try_from(nal.len()).map_err(|e| e.to_string())?;
                    avcc.extend_from_slice(&len.to_be_bytes());
                    avcc.extend_from_slice(nal);
                }
            }
        }
        samples.push((avcc, is_sync));
    }
    let (Some(sps), Some(pps)) = (sps, pps) else {
        return Err("the encoder gave no parameter sets".to_owned());
    };
    let timescale = fps * 1000;
    let mut writer = Mp4Writer::write_start(
        Cursor::new(Vec::new()),
        &Mp4Config {
            major_brand: FourCC::from(*b"isom"),
            minor_version: 512,
            compatible_brands: ["isom", "iso2", "avc1", "mp41"]
                .into_iter()
                .map(|b| FourCC::from(<[u8; 4]>::try_from(b.as_bytes()).unwrap_or(*b"isom")))
                .collect(),
            timescale: 1000,
        },
    )
    .map_err(|e| e.to_string())?;
    writer
        .add_track(&TrackConfig {
            track_type: TrackType::Video,
            timescale,
            language: "und".to_owned(),
            media_conf: MediaConfig::AvcConfig(AvcConfig {
                width,
                height,
                seq_param_set: sps,
                pic_param_set: pps,
            }),
        })
        .map_err(|e| e.to_string())?;
    for (i, (avcc, is_sync)) in samples.into_iter().enumerate() {
        let i = u64::try_from(i).map_err(|e| e.to_string())?;
        writer
            .write_sample(
                1,
                &Mp4Sample {
                    start_time: i * 1000,
                    duration: 1000,
                    rendering_offset: 0,
                    is_sync,
                    bytes: avcc.into(),
                },
            )
            .map_err(|e| e.to_string())?;
    }
    writer.write_end().map_err(|e| e.to_string())?;
    Ok(writer.into_writer().into_inner())
}

/// An MP4 file with one H.265 (HEVC) video track of `frames` empty samples: a clip in
/// another codec, for tests and check fixtures.
pub fn hevc_mp4(width: u16, height: u16, frames: u32) -> Result<Vec<u8>, String> {
    let mut writer = Mp4Writer::write_start(
        Cursor::new(Vec::new()),
        &Mp4Config {
            major_brand: FourCC::from(*b"isom"),
            minor_version: 512,
            compatible_brands: vec![FourCC::from(*b"isom")],
            timescale: 1000,
        },
    )
    .map_err(|e| e.to_string())?;
    writer
        .add_track(&TrackConfig {
            track_type: TrackType::Video,
            timescale: 1000,
            language: "und".to_owned(),
            media_conf: MediaConfig::HevcConfig(mp4::HevcConfig { width, height }),
        })
        .map_err(|e| e.to_string())?;
    for i in 0..u64::from(frames) {
        writer
            .write_sample(
                1,
                &Mp4Sample {
                    start_time: i * 100,
                    duration: 100,
                    rendering_offset: 0,
                    is_sync: true,
                    bytes: vec![0, 0, 0, 1, 0x26].into(),
                },
            )
            .map_err(|e| e.to_string())?;
    }
    writer.write_end().map_err(|e| e.to_string())?;
    Ok(writer.into_writer().into_inner())
}

/// The NAL units of an Annex B stream, without their start codes (nor trailing zeros).
pub fn split_annex_b(stream: &[u8]) -> Vec<&[u8]> {
    let mut starts = Vec::new();
    let mut i = 0;
    while i + 3 <= stream.len() {
        if stream[i] == 0 && stream[i + 1] == 0 && stream[i + 2] == 1 {
            starts.push(i + 3);
            i += 3;
        } else {
            i += 1;
        }
    }
    starts
        .iter()
        .enumerate()
        .map(|(n, &start)| {
            let end = starts.get(n + 1).map_or(stream.len(), |&next| next - 3);
            let mut nal = &stream[start..end.max(start)];
            while let [rest @ .., 0] = nal {
                nal = rest;
            }
            nal
        })
        .collect()
}

/// `count` frames of `width × height` that change colour from one to the next (a test
/// clip): frame `i` is one flat colour with a bar whose place moves with `i`.
pub fn colour_frames(width: u16, height: u16, count: usize) -> Vec<Vec<u8>> {
    let (w, h) = (usize::from(width), usize::from(height));
    (0..count)
        .map(|i| {
            let hue = [
                u8::try_from(i * 70 % 256).unwrap_or(0),
                u8::try_from(255 - i * 40 % 256).unwrap_or(0),
                u8::try_from(i * 110 % 256).unwrap_or(0),
            ];
            let mut rgb = Vec::with_capacity(w * h * 3);
            for _y in 0..h {
                for x in 0..w {
                    if x * count / w.max(1) == i {
                        rgb.extend_from_slice(&[255, 255, 255]);
                    } else {
                        rgb.extend_from_slice(&hue);
                    }
                }
            }
            rgb
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annex_b_splits_on_three_and_four_byte_start_codes() {
        let stream = [0, 0, 0, 1, 0x67, 1, 0, 0, 1, 0x68, 2, 0, 0, 0, 1, 0x65, 3];
        let nals = split_annex_b(&stream);
        assert_eq!(
            nals,
            vec![&[0x67, 1][..], &[0x68, 2], &[0x65, 3]],
            "three units"
        );
    }
}
