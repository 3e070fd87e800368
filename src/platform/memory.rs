//! The allocator's side of memory: picture buffers (megabytes each, decoded on worker
//! threads, freed after upload) go back to the system as soon as they are freed, so a long
//! loop returns to its steady figure instead of keeping every freed buffer in a thread's
//! arena.
//!
//! glibc's malloc serves a block above its mmap threshold with a mapping of its own, which
//! `free` unmaps; but the threshold grows (up to 32 MiB) each time such a block is freed, so
//! after the first picture the next ones land in the decoder threads' arenas and stay
//! there. A fixed threshold keeps every picture-sized block mapped on its own. Other
//! systems and C libraries: nothing to do.

/// Blocks from this size up get a mapping of their own (a 1080p picture is 8 MiB).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const MMAP_THRESHOLD_BYTES: i32 = 1024 * 1024;

/// Fixes the allocator's mmap threshold; call once at start, before the threads start.
pub fn return_big_blocks() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        if !set_mmap_threshold(MMAP_THRESHOLD_BYTES) {
            log::warn!("cannot fix the allocator's mmap threshold; memory may stay high");
        }
    }
}

/// Gives freed memory at the top of the allocator's arenas back to the system (after a
/// picture upload, when megabytes were just freed).
pub fn trim() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    malloc_trim();
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[expect(
    unsafe_code,
    reason = "mallopt is glibc's own call, sound at any time: it takes two integers, touches \
              no memory of ours, and returns 0 when it refuses a value."
)]
fn set_mmap_threshold(bytes: i32) -> bool {
    // SAFETY: see the reason on this function's `expect`.
    unsafe { libc::mallopt(libc::M_MMAP_THRESHOLD, bytes) == 1 }
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[expect(
    unsafe_code,
    reason = "malloc_trim is glibc's own call, sound at any time: it takes an integer and \
              releases only memory the allocator holds free."
)]
fn malloc_trim() {
    // SAFETY: see the reason on this function's `expect`.
    unsafe {
        libc::malloc_trim(0);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_threshold_and_the_trim_are_accepted() {
        super::return_big_blocks();
        super::trim();
        #[cfg(all(target_os = "linux", target_env = "gnu"))]
        assert!(
            super::set_mmap_threshold(super::MMAP_THRESHOLD_BYTES),
            "glibc takes a 1 MiB threshold"
        );
    }
}
