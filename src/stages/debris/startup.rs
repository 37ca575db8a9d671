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

    fn pool(threads: usize) -> rayon::ThreadPool {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("a rayon pool")
    }

    #[test]
    fn maps_in_order_in_uneven_chunks() {
        let items: Vec<u32> = (0..1001).collect();
        let squares = pool(4).install(|| map_in_parallel(&items, |&x| x * x));
        assert_eq!(squares, items.iter().map(|&x| x * x).collect::<Vec<_>>());
        assert!(map_in_parallel(&[] as &[u32], |&x| x).is_empty());
    }

    /// What avoids the deadlock (a rayon worker waiting on a `OnceLock` whose initializer
    /// runs here): the work runs on threads of its own, none of them a rayon worker that
    /// could steal another document's job, and on several of them.
    #[test]
    fn work_runs_outside_the_rayon_pool_even_when_called_from_it() {
        let items: Vec<u32> = (0..64).collect();
        let threads = pool(4).install(|| {
            assert!(rayon::current_thread_index().is_some());
            map_in_parallel(&items, |_| {
                (rayon::current_thread_index(), std::thread::current().id())
            })
        });
        assert!(threads.iter().all(|(rayon_index, _)| rayon_index.is_none()));
        let distinct: std::collections::HashSet<_> = threads.iter().map(|(_, id)| id).collect();
        assert!(distinct.len() > 1, "{}", distinct.len());
    }

    #[test]
    fn one_rayon_thread_keeps_the_work_on_the_calling_thread() {
        let items: Vec<u32> = (0..64).collect();
        let here = pool(1).install(|| {
            let caller = std::thread::current().id();
            map_in_parallel(&items, |_| std::thread::current().id() == caller)
        });
        assert!(here.iter().all(|&same| same));
    }
}
