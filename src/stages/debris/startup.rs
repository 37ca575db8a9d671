//! Parallel work while the debris stage is built, on scoped threads of its own.
//!
//! Pipelines are built lazily, sometimes inside a rayon worker (the first document of a
//! folder with its own `thresh.toml`) and under a `OnceLock`. Rayon inside that would let
//! the waiting worker steal another document's job, which asks for the same pipeline and
//! waits on the lock its own thread holds: a deadlock. Plain threads cannot steal.

use std::thread;

/// `items.iter().map(f).collect()`, computed on up to as many threads as the rayon pool
/// has (so `--threads 1` stays on one thread), in order.
pub fn map_in_parallel<T, R>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R>
where
    T: Sync,
    R: Send,
{
    let threads = rayon::current_num_threads().clamp(1, 8);
    if threads == 1 || items.len() < 2 {
        return items.iter().map(f).collect();
    }
    let per_thread = items.len().div_ceil(threads);
    let f = &f;
    thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(per_thread)
            .map(|chunk| scope.spawn(move || chunk.iter().map(f).collect::<Vec<R>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_in_order() {
        let items: Vec<u32> = (0..1000).collect();
        let squares = map_in_parallel(&items, |&x| x * x);
        assert_eq!(squares, items.iter().map(|&x| x * x).collect::<Vec<_>>());
        assert!(map_in_parallel(&[] as &[u32], |&x| x).is_empty());
    }

    #[test]
    fn building_a_stage_inside_a_rayon_worker_under_a_lock_finishes() {
        // The shape of the deadlock this module avoids: every worker waits on a OnceLock
        // whose initializer runs in one of them and needs parallel work.
        use rayon::prelude::*;
        use std::sync::OnceLock;
        let lock: OnceLock<Vec<u32>> = OnceLock::new();
        let items: Vec<u32> = (0..64).collect();
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(4)
            .build()
            .unwrap();
        let sums: Vec<u32> = pool.install(|| {
            (0..64)
                .into_par_iter()
                .map(|i| {
                    let table = lock.get_or_init(|| map_in_parallel(&items, |&x| x + 1));
                    table[i]
                })
                .collect()
        });
        assert_eq!(sums, (1..65).collect::<Vec<u32>>());
    }
}
