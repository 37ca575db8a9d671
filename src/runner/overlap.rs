//! Batches cleaned in the pool while the calling thread emits the previous batch.
//!
//! Emitting a batch (writing outputs, the observer's work, dropping the documents) is
//! serial. Done between batches it left the workers idle for about a tenth of a
//! `thresh dups` run; overlapped, the pool stays busy and results still arrive in order.

use std::io;
use std::panic;
use std::thread;

/// Calls `next_batch` until it returns `None`, runs `work` on each batch on a helper thread
/// (which hands it to the rayon pool), and passes the results to `emit` on the calling
/// thread, in batch order. While batch `n` is emitted, batch `n + 1` is being worked on, so
/// at most two batches and one result are held at once. An error from `emit` ends the run
/// (after the batch in flight finishes); a panic in `work` is resumed on the caller.
pub(super) fn overlapped<B, R>(
    mut next_batch: impl FnMut() -> Option<B>,
    work: impl Fn(B) -> R + Sync,
    mut emit: impl FnMut(R) -> io::Result<()>,
) -> io::Result<()>
where
    B: Send,
    R: Send,
{
    let work = &work;
    thread::scope(|scope| {
        let mut in_flight: Option<thread::ScopedJoinHandle<'_, R>> = None;
        loop {
            let next = next_batch().map(|batch| scope.spawn(move || work(batch)));
            if let Some(handle) = in_flight.take() {
                let result = handle
                    .join()
                    .unwrap_or_else(|payload| panic::resume_unwind(payload));
                emit(result)?;
            }
            match next {
                Some(handle) => in_flight = Some(handle),
                None => return Ok(()),
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_out_in_batch_order() {
        let mut batches = (0..20u64).map(|i| vec![i; (i % 5 + 1) as usize]);
        let mut seen = Vec::new();
        overlapped(
            || batches.next(),
            |batch: Vec<u64>| {
                // Later batches finish sooner: order must come from the caller, not timing.
                thread::sleep(std::time::Duration::from_millis(20 - batch[0]));
                batch.iter().sum::<u64>()
            },
            |sum| {
                seen.push(sum);
                Ok(())
            },
        )
        .unwrap();
        let expected: Vec<u64> = (0..20u64).map(|i| i * (i % 5 + 1)).collect();
        assert_eq!(seen, expected);
    }

    #[test]
    fn an_emit_error_stops_the_run() {
        let mut next = 0;
        let mut emitted = 0;
        let outcome = overlapped(
            || {
                next += 1;
                (next <= 100).then_some(next)
            },
            |n: i32| n,
            |n| {
                emitted += 1;
                match n {
                    3 => Err(io::Error::new(io::ErrorKind::BrokenPipe, "closed")),
                    _ => Ok(()),
                }
            },
        );
        assert_eq!(outcome.unwrap_err().kind(), io::ErrorKind::BrokenPipe);
        assert_eq!(emitted, 3);
        // Batch 4 was in flight when batch 3 failed; nothing after it was read.
        assert_eq!(next, 4);
    }

    #[test]
    #[should_panic(expected = "batch 2 failed")]
    fn a_panic_in_work_reaches_the_caller() {
        let mut next = 0;
        let _ = overlapped(
            || {
                next += 1;
                (next <= 5).then_some(next)
            },
            |n: i32| {
                assert!(n != 2, "batch {n} failed");
                n
            },
            |_| Ok(()),
        );
    }
}
