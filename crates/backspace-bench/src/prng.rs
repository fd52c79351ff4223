//! The generator's random numbers: SplitMix64, written out here so a seed gives the same file
//! forever (no dependency's algorithm can change under it).

/// SplitMix64 (Steele, Lea, Flood 2014): 64-bit state, one multiply-xorshift chain per draw.
#[derive(Debug, Clone)]
pub struct Rng(u64, u64);

/// The millisecond the ids of a generated history start from (2024-11-01 UTC): each id of a
/// stream is one millisecond after the one before, so ids are time-ordered in the order the
/// generator writes rows, as Backspace's own UUID v7 ids are in the order it writes them.
const ID_CLOCK_START_MS: u64 = 1_730_419_200_000;

impl Rng {
    /// A generator seeded with `seed`.
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15, ID_CLOCK_START_MS)
    }

    /// A generator for a sub-stream `salt` of `seed` (independent of how much the parent drew).
    pub fn derive(seed: u64, salt: u64) -> Self {
        let mut r = Rng::new(seed.wrapping_mul(0xD1B5_4A32_D192_ED03) ^ salt);
        r.next_u64();
        r
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Uniform in [0, n) (n > 0; Lemire's multiply, negligible bias for the sizes used here).
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n.max(1))) >> 64) as u64
    }

    /// Uniform in [lo, hi].
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        lo + self.below((hi - lo + 1) as u64) as i64
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// A time-ordered UUID v7 (RFC 9562, as `Uuid::now_v7` makes) on this stream's id clock,
    /// as the `u128` value: 48 bits of milliseconds, then random bits.
    pub fn uuid(&mut self) -> u128 {
        self.1 += 1;
        let ms = u128::from(self.1 & 0xFFFF_FFFF_FFFF);
        let rand = (u128::from(self.next_u64()) << 64) | u128::from(self.next_u64());
        let raw = (ms << 80) | (rand & ((1u128 << 80) - 1));
        // version 7 in bits 76..80, RFC 9562 variant (10xx) in bits 62..64.
        let raw = (raw & !(0xF_u128 << 76)) | (0x7_u128 << 76);
        (raw & !(0x3_u128 << 62)) | (0x2_u128 << 62)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_stream_and_uuids_are_time_ordered_v7() {
        let (mut a, mut b) = (Rng::new(7), Rng::new(7));
        for _ in 0..100 {
            assert_eq!(a.next_u64(), b.next_u64());
        }
        let id = uuid::Uuid::from_u128(a.uuid());
        assert_eq!(id.get_version_num(), 7);
        assert_eq!(id.get_variant(), uuid::Variant::RFC4122);
        assert!(a.uuid() > id.as_u128(), "time-ordered");
        assert_ne!(Rng::derive(7, 1).next_u64(), Rng::derive(7, 2).next_u64());
        for _ in 0..1000 {
            assert!(a.below(10) < 10);
            let u = a.unit();
            assert!((0.0..1.0).contains(&u));
        }
    }
}
