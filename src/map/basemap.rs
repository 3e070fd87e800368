//! The offline base map: country polygons, projected and triangulated once at load.
//!
//! The data is `assets/map/baltic-50m.vmap`, a compact binary form of Natural Earth's
//! 1:50m countries clipped to lon 8..41 E, lat 43..63 N (see `assets/map/README.md` for how it
//! was derived and its format). It is compiled into the program, so the kiosk never reads
//! files outside its content folder and cannot lose its map. Polygons are triangulated with
//! `lyon_tessellation` into meshes in map kilometres; a frame only transforms and draws them.
//! Borders (edges two countries share) are found at load, so coasts stay unstroked.

use std::collections::HashMap;

use lyon_tessellation::math::point;
use lyon_tessellation::path::Path;
use lyon_tessellation::{
    BuffersBuilder, FillOptions, FillRule, FillTessellator, FillVertex, VertexBuffers,
};

use super::projection::{Lambert, LonLat, MapPos, MapRect};

/// The shipped base map, compiled in.
pub const SHIPPED_BASEMAP: &[u8] = include_bytes!("../../assets/map/baltic-50m.vmap");

/// The box the data was clipped to: west, south, east, north in degrees.
pub const CLIP_BOX: [f64; 4] = [8.0, 43.0, 41.0, 63.0];

/// Why a base-map file cannot be used.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum BasemapError {
    /// The file does not start with `VMAP`.
    #[error("not a base-map file (it should start with \"VMAP\")")]
    NotABasemap,
    /// A version this program does not read.
    #[error("base-map format version {0} is not supported (expected 1)")]
    Version(u16),
    /// The file ends too early.
    #[error("the base-map file is cut short at byte {0}")]
    Truncated(usize),
    /// Bytes left after the last country.
    #[error("the base-map file has {0} unexpected bytes at its end")]
    TrailingBytes(usize),
    /// A name or code is not text.
    #[error("a country name or code at byte {0} is not UTF-8 text")]
    BadText(usize),
    /// A coordinate outside −180..180 / −90..90.
    #[error("country {country}: a coordinate is out of range ({lon}, {lat})")]
    BadCoordinate {
        /// The country's code.
        country: String,
        /// Longitude found.
        lon: f64,
        /// Latitude found.
        lat: f64,
    },
    /// The triangulation failed.
    #[error("country {country}: its polygons cannot be triangulated: {message}")]
    Triangulation {
        /// The country's code.
        country: String,
        /// What the triangulator said.
        message: String,
    },
    /// No country in the file.
    #[error("the base-map file has no countries")]
    Empty,
}

/// A country: its outline rings and its triangulated area, in map kilometres.
#[derive(Clone, Debug)]
pub struct Country {
    /// ISO 3166-1 alpha-3 code (`"LTU"`; `"XKX"` for Kosovo).
    pub iso_a3: String,
    /// Natural Earth's English name.
    pub name: String,
    /// Outline rings (outer rings and holes), not closed (the last point is not repeated).
    pub rings: Vec<Vec<MapPos>>,
    /// Triangle vertices.
    pub vertices: Vec<MapPos>,
    /// Triangles, three vertex indices each.
    pub indices: Vec<u32>,
    /// The rectangle holding it.
    pub bounds: MapRect,
}

/// The whole base map.
#[derive(Clone, Debug)]
pub struct Basemap {
    /// Countries in file order.
    pub countries: Vec<Country>,
    /// Border lines between countries (coasts and clip edges excluded).
    pub borders: Vec<Vec<MapPos>>,
    /// The rectangle holding every country.
    pub bounds: MapRect,
}

/// Reads little-endian numbers from a byte slice.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], BasemapError> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&end| end <= self.bytes.len())
            .ok_or(BasemapError::Truncated(self.bytes.len()))?;
        let slice = &self.bytes[self.at..end];
        self.at = end;
        Ok(slice)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], BasemapError> {
        let mut out = [0; N];
        out.copy_from_slice(self.take(N)?);
        Ok(out)
    }

    fn u8(&mut self) -> Result<u8, BasemapError> {
        Ok(self.array::<1>()?[0])
    }

    fn u16(&mut self) -> Result<u16, BasemapError> {
        Ok(u16::from_le_bytes(self.array()?))
    }

    fn u32(&mut self) -> Result<u32, BasemapError> {
        Ok(u32::from_le_bytes(self.array()?))
    }

    fn i32(&mut self) -> Result<i32, BasemapError> {
        Ok(i32::from_le_bytes(self.array()?))
    }

    fn text(&mut self, n: usize) -> Result<String, BasemapError> {
        let at = self.at;
        std::str::from_utf8(self.take(n)?)
            .map(str::to_owned)
            .map_err(|_| BasemapError::BadText(at))
    }
}

/// A ring as read: coordinates in 1e-5 degrees (exact, so shared borders match).
type RawRing = Vec<(i32, i32)>;

/// One country as read from the file.
struct RawCountry {
    iso_a3: String,
    name: String,
    rings: Vec<RawRing>,
}

/// Degrees from the file's 1e-5 degree integers.
fn degrees((lon, lat): (i32, i32)) -> LonLat {
    LonLat::new(f64::from(lon) * 1e-5, f64::from(lat) * 1e-5)
}

fn read(bytes: &[u8]) -> Result<Vec<RawCountry>, BasemapError> {
    let mut r = Reader { bytes, at: 0 };
    if r.take(4).ok() != Some(b"VMAP".as_slice()) {
        return Err(BasemapError::NotABasemap);
    }
    let version = r.u16()?;
    if version != 1 {
        return Err(BasemapError::Version(version));
    }
    let count = r.u16()?;
    let mut countries = Vec::with_capacity(usize::from(count));
    for _ in 0..count {
        let iso_a3 = r.text(3)?;
        let name_len = r.u8()?;
        let name = r.text(usize::from(name_len))?;
        let mut rings = Vec::new();
        for _ in 0..r.u16()? {
            for _ in 0..r.u16()? {
                let points = r.u32()? as usize;
                // Each point takes 8 bytes: refuse counts the file cannot hold before allocating.
                if points.saturating_mul(8) > bytes.len() - r.at {
                    return Err(BasemapError::Truncated(bytes.len()));
                }
                let mut ring = Vec::with_capacity(points);
                for _ in 0..points {
                    let point = (r.i32()?, r.i32()?);
                    if !degrees(point).is_valid() {
                        let LonLat { lon, lat } = degrees(point);
                        return Err(BasemapError::BadCoordinate {
                            country: iso_a3,
                            lon,
                            lat,
                        });
                    }
                    ring.push(point);
                }
                rings.push(ring);
            }
        }
        countries.push(RawCountry {
            iso_a3,
            name,
            rings,
        });
    }
    if r.at != bytes.len() {
        return Err(BasemapError::TrailingBytes(bytes.len() - r.at));
    }
    if countries.is_empty() {
        return Err(BasemapError::Empty);
    }
    Ok(countries)
}

/// Triangulates rings (outer rings and holes, even–odd) given in map kilometres.
fn triangulate(rings: &[Vec<MapPos>]) -> Result<(Vec<MapPos>, Vec<u32>), String> {
    let mut builder = Path::builder();
    #[expect(
        clippy::cast_possible_truncation,
        reason = "lyon works in f32; kilometres of a region fit"
    )]
    let to_point = |p: MapPos| point(p.x as f32, p.y as f32);
    for ring in rings.iter().filter(|ring| ring.len() >= 3) {
        builder.begin(to_point(ring[0]));
        for &p in &ring[1..] {
            builder.line_to(to_point(p));
        }
        builder.close();
    }
    let path = builder.build();
    let mut buffers: VertexBuffers<MapPos, u32> = VertexBuffers::new();
    FillTessellator::new()
        .tessellate_path(
            &path,
            &FillOptions::tolerance(0.01).with_fill_rule(FillRule::EvenOdd),
            &mut BuffersBuilder::new(&mut buffers, |vertex: FillVertex<'_>| {
                let p = vertex.position();
                MapPos::new(f64::from(p.x), f64::from(p.y))
            }),
        )
        .map_err(|err| format!("{err:?}"))?;
    Ok((buffers.vertices, buffers.indices))
}

/// Lines along the edges that two countries share, projected. Each shared edge is drawn once.
fn borders(countries: &[RawCountry], projection: &Lambert) -> Vec<Vec<MapPos>> {
    type Edge = ((i32, i32), (i32, i32));
    let key = |a: (i32, i32), b: (i32, i32)| -> Edge { if a < b { (a, b) } else { (b, a) } };
    // For each edge: the first country that has it, and whether another one has it too.
    let mut owners: HashMap<Edge, (usize, bool)> = HashMap::new();
    for (ci, country) in countries.iter().enumerate() {
        for ring in &country.rings {
            for i in 0..ring.len() {
                let (a, b) = (ring[i], ring[(i + 1) % ring.len()]);
                if a == b {
                    continue;
                }
                owners
                    .entry(key(a, b))
                    .and_modify(|(first, shared)| *shared |= *first != ci)
                    .or_insert((ci, false));
            }
        }
    }
    let mut lines = Vec::new();
    for (ci, country) in countries.iter().enumerate() {
        for ring in &country.rings {
            let n = ring.len();
            if n < 2 {
                continue;
            }
            // Edge i runs from point i to point i + 1; drawn by the first of its two countries.
            let drawn: Vec<bool> = (0..n)
                .map(|i| {
                    owners
                        .get(&key(ring[i], ring[(i + 1) % n]))
                        .is_some_and(|&(first, shared)| shared && first == ci)
                })
                .collect();
            if !drawn.iter().any(|&d| d) {
                continue;
            }
            let project = |i: usize| projection.forward(degrees(ring[i % n]));
            // Start after an edge that is not drawn, so no line is split at the ring's start.
            let Some(start) = (0..n).find(|&i| !drawn[(i + n - 1) % n]) else {
                let mut closed: Vec<MapPos> = (0..=n).map(project).collect();
                closed.dedup();
                lines.push(closed);
                continue;
            };
            let mut current: Vec<MapPos> = Vec::new();
            for step in 0..n {
                let i = (start + step) % n;
                if drawn[i] {
                    if current.is_empty() {
                        current.push(project(i));
                    }
                    current.push(project(i + 1));
                } else if current.len() >= 2 {
                    lines.push(std::mem::take(&mut current));
                } else {
                    current.clear();
                }
            }
            if current.len() >= 2 {
                lines.push(current);
            }
        }
    }
    lines
}

impl Basemap {
    /// Reads, projects and triangulates a base-map file.
    pub fn parse(bytes: &[u8], projection: &Lambert) -> Result<Self, BasemapError> {
        let raw = read(bytes)?;
        let borders = borders(&raw, projection);
        let mut countries = Vec::with_capacity(raw.len());
        let mut bounds = MapRect::NOTHING;
        for country in raw {
            let rings: Vec<Vec<MapPos>> = country
                .rings
                .iter()
                .map(|ring| {
                    ring.iter()
                        .map(|&p| projection.forward(degrees(p)))
                        .collect()
                })
                .collect();
            let (vertices, indices) =
                triangulate(&rings).map_err(|message| BasemapError::Triangulation {
                    country: country.iso_a3.clone(),
                    message,
                })?;
            let country_bounds = MapRect::around(rings.iter().flatten().copied());
            if country_bounds.is_valid() {
                bounds.extend(country_bounds.min);
                bounds.extend(country_bounds.max);
            }
            countries.push(Country {
                iso_a3: country.iso_a3,
                name: country.name,
                rings,
                vertices,
                indices,
                bounds: country_bounds,
            });
        }
        Ok(Self {
            countries,
            borders,
            bounds,
        })
    }

    /// The shipped base map (compiled in), projected with `projection`.
    pub fn shipped(projection: &Lambert) -> Result<Self, BasemapError> {
        Self::parse(SHIPPED_BASEMAP, projection)
    }

    /// The country with this ISO alpha-3 code.
    pub fn country(&self, iso_a3: &str) -> Option<&Country> {
        self.countries.iter().find(|c| c.iso_a3 == iso_a3)
    }

    /// Number of triangle vertices in all countries.
    pub fn vertex_count(&self) -> usize {
        self.countries.iter().map(|c| c.vertices.len()).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped() -> Basemap {
        Basemap::shipped(&Lambert::baltic()).expect("the shipped base map loads")
    }

    /// Twice the signed area of a triangle.
    fn area2(a: MapPos, b: MapPos, c: MapPos) -> f64 {
        (b.x - a.x) * (c.y - a.y) - (c.x - a.x) * (b.y - a.y)
    }

    /// Area enclosed by a ring (shoelace), absolute.
    fn ring_area(ring: &[MapPos]) -> f64 {
        let n = ring.len();
        (0..n)
            .map(|i| {
                let (a, b) = (ring[i], ring[(i + 1) % n]);
                a.x * b.y - b.x * a.y
            })
            .sum::<f64>()
            .abs()
            / 2.0
    }

    #[test]
    fn the_shipped_map_has_the_region_s_countries() {
        let map = shipped();
        assert_eq!(map.countries.len(), 32, "32 features");
        for iso in [
            "LTU", "LVA", "EST", "POL", "BLR", "UKR", "SWE", "FIN", "RUS",
        ] {
            let country = map.country(iso).unwrap_or_else(|| panic!("{iso} missing"));
            assert!(!country.indices.is_empty(), "{iso} triangulated");
            assert_eq!(country.indices.len() % 3, 0, "{iso} whole triangles");
        }
        assert!(map.vertex_count() > 5000, "{} vertices", map.vertex_count());
    }

    #[test]
    fn triangles_cover_lithuania_s_area() {
        let map = shipped();
        let ltu = map.country("LTU").expect("Lithuania");
        let triangles: f64 = ltu
            .indices
            .chunks_exact(3)
            .map(|t| {
                area2(
                    ltu.vertices[t[0] as usize],
                    ltu.vertices[t[1] as usize],
                    ltu.vertices[t[2] as usize],
                )
                .abs()
                    / 2.0
            })
            .sum();
        let rings: f64 = ltu.rings.iter().map(|r| ring_area(r)).sum();
        assert!(
            (triangles / rings - 1.0).abs() < 0.01,
            "triangles {triangles} km², rings {rings} km²"
        );
        // Lithuania is about 65,300 km².
        assert!((60_000.0..70_000.0).contains(&rings), "{rings} km²");
    }

    #[test]
    fn borders_are_found_and_coasts_are_not_borders() {
        let map = shipped();
        assert!(!map.borders.is_empty(), "some borders");
        let lambert = Lambert::baltic();
        let near = |p: LonLat, km: f64| {
            let target = lambert.forward(p);
            map.borders
                .iter()
                .flatten()
                .any(|q| q.distance(target) < km)
        };
        // The Lithuania–Latvia border near Joniškis, and none along the open sea west of Klaipėda.
        assert!(near(LonLat::new(23.6, 56.43), 15.0), "LT–LV border");
        assert!(!near(LonLat::new(20.0, 55.7), 40.0), "no border at sea");
    }

    #[test]
    fn broken_files_give_clear_errors() {
        let lambert = Lambert::baltic();
        assert_eq!(
            Basemap::parse(b"PNG....", &lambert).err(),
            Some(BasemapError::NotABasemap),
            "wrong magic"
        );
        let cut = &SHIPPED_BASEMAP[..SHIPPED_BASEMAP.len() / 2];
        assert!(
            matches!(
                Basemap::parse(cut, &lambert),
                Err(BasemapError::Truncated(_))
            ),
            "cut short"
        );
        let mut version = SHIPPED_BASEMAP.to_vec();
        version[4] = 9;
        assert_eq!(
            Basemap::parse(&version, &lambert).err(),
            Some(BasemapError::Version(9)),
            "version"
        );
        let mut extra = SHIPPED_BASEMAP.to_vec();
        extra.push(0);
        assert_eq!(
            Basemap::parse(&extra, &lambert).err(),
            Some(BasemapError::TrailingBytes(1)),
            "trailing"
        );
        let empty = b"VMAP\x01\x00\x00\x00";
        assert_eq!(
            Basemap::parse(empty, &lambert).err(),
            Some(BasemapError::Empty),
            "empty"
        );
        // A ring claiming more points than the file holds.
        let mut huge = b"VMAP\x01\x00\x01\x00LTU\x01L\x01\x00\x01\x00".to_vec();
        huge.extend_from_slice(&u32::MAX.to_le_bytes());
        assert!(
            matches!(
                Basemap::parse(&huge, &lambert),
                Err(BasemapError::Truncated(_))
            ),
            "huge count"
        );
        // A coordinate out of range.
        let mut bad = b"VMAP\x01\x00\x01\x00LTU\x01L\x01\x00\x01\x00".to_vec();
        bad.extend_from_slice(&1u32.to_le_bytes());
        bad.extend_from_slice(&(200 * 100_000i32).to_le_bytes());
        bad.extend_from_slice(&0i32.to_le_bytes());
        assert!(
            matches!(
                Basemap::parse(&bad, &lambert),
                Err(BasemapError::BadCoordinate { .. })
            ),
            "out of range"
        );
    }
}
