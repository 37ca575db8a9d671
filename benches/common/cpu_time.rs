//! CPU time of the calling thread, for benches that report MB/s per core: the machines
//! they run on may be shared, so wall-clock time understates the speed of one core.

use std::time::Duration;

/// CPU time this thread has run so far, to the nanosecond (`CLOCK_THREAD_CPUTIME_ID`;
/// `/proc/thread-self/schedstat` only moves at scheduler ticks, 4 ms apart, which is a
/// few percent of a bench round).
pub fn thread_cpu_time() -> Option<Duration> {
    let mut now = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `now` is a valid, writable timespec for the call to fill.
    let status = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut now) };
    if status != 0 {
        return None;
    }
    Some(Duration::new(
        u64::try_from(now.tv_sec).ok()?,
        u32::try_from(now.tv_nsec).ok()?,
    ))
}
