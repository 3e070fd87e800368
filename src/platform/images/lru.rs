//! A least-recently-used set bounded in bytes: the texture cache's bookkeeping. Pure.

use std::borrow::Borrow;
use std::collections::{BTreeMap, HashMap};
use std::hash::Hash;

/// A least-recently-used set of keys with a size each, bounded by the sum of the sizes.
///
/// Pure bookkeeping (no egui): the caller drops whatever [`ByteLru::insert`] evicts.
#[derive(Debug)]
pub struct ByteLru<K> {
    /// Size and last use of each key.
    entries: HashMap<K, (usize, u64)>,
    /// Keys by last use, oldest first.
    order: BTreeMap<u64, K>,
    tick: u64,
    total: usize,
    budget: usize,
}

impl<K: Eq + Hash + Clone> ByteLru<K> {
    /// An empty cache holding at most `budget` bytes.
    pub fn new(budget: usize) -> Self {
        Self {
            entries: HashMap::new(),
            order: BTreeMap::new(),
            tick: 0,
            total: 0,
            budget,
        }
    }

    /// The bound, in bytes.
    pub fn budget(&self) -> usize {
        self.budget
    }

    /// Bytes held now (never more than the budget).
    pub fn total_bytes(&self) -> usize {
        self.total
    }

    /// Number of keys held.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether nothing is held.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Whether `key` is held.
    pub fn contains<Q: Hash + Eq + ?Sized>(&self, key: &Q) -> bool
    where
        K: Borrow<Q>,
    {
        self.entries.contains_key(key)
    }

    /// Marks `key` as just used.
    pub fn touch<Q: Hash + Eq + ?Sized>(&mut self, key: &Q)
    where
        K: Borrow<Q>,
    {
        let Some((_, used)) = self.entries.get_mut(key) else {
            return;
        };
        let old = *used;
        self.tick += 1;
        *used = self.tick;
        if let Some(key) = self.order.remove(&old) {
            self.order.insert(self.tick, key);
        }
    }

    /// Adds (or replaces) `key` with `bytes`, most recently used, and evicts the least
    /// recently used keys until the total fits the budget. Returns the evicted keys; when
    /// `key` alone is larger than the budget it is not kept and is returned too.
    pub fn insert(&mut self, key: K, bytes: usize) -> Vec<K> {
        self.remove(&key);
        if bytes > self.budget {
            return vec![key];
        }
        let mut evicted = Vec::new();
        while self.total + bytes > self.budget {
            let Some((_, oldest)) = self.order.pop_first() else {
                break;
            };
            if let Some((size, _)) = self.entries.remove(&oldest) {
                self.total -= size;
            }
            evicted.push(oldest);
        }
        self.tick += 1;
        self.entries.insert(key.clone(), (bytes, self.tick));
        self.order.insert(self.tick, key);
        self.total += bytes;
        evicted
    }

    /// Forgets `key`; returns whether it was held.
    pub fn remove<Q: Hash + Eq + ?Sized>(&mut self, key: &Q) -> bool
    where
        K: Borrow<Q>,
    {
        match self.entries.remove(key) {
            Some((size, used)) => {
                self.order.remove(&used);
                self.total -= size;
                true
            }
            None => false,
        }
    }

    /// Forgets every key.
    pub fn clear(&mut self) {
        self.entries.clear();
        self.order.clear();
        self.total = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cache_evicts_the_least_recently_used() {
        let mut lru = ByteLru::new(100);
        assert!(lru.insert("a", 40).is_empty(), "a fits");
        assert!(lru.insert("b", 40).is_empty(), "b fits");
        lru.touch(&"a");
        assert_eq!(lru.insert("c", 40), vec!["b"], "b was used least recently");
        assert!(lru.contains(&"a") && lru.contains(&"c"), "a and c stay");
        assert_eq!(lru.total_bytes(), 80, "sizes add up");
    }

    #[test]
    fn an_entry_larger_than_the_bound_is_not_kept() {
        let mut lru = ByteLru::new(100);
        assert!(lru.insert("a", 40).is_empty(), "a fits");
        assert_eq!(lru.insert("big", 101), vec!["big"], "refused");
        assert!(lru.contains(&"a"), "a stays");
        assert_eq!(lru.total_bytes(), 40, "nothing added");
    }

    #[test]
    fn replacing_and_removing_keep_the_total_right() {
        let mut lru = ByteLru::new(100);
        let _ = lru.insert("a", 40);
        let _ = lru.insert("a", 70);
        assert_eq!((lru.len(), lru.total_bytes()), (1, 70), "replaced");
        assert!(lru.remove(&"a"), "removed");
        assert!(!lru.remove(&"a"), "already gone");
        assert_eq!((lru.len(), lru.total_bytes()), (0, 0), "empty");
    }
}

#[cfg(test)]
mod proptests {
    use proptest::prelude::*;

    use super::ByteLru;

    proptest! {
        /// Whatever the sequence of inserts, touches and removals, the total never
        /// exceeds the bound and equals the sum of what is held.
        #[test]
        fn the_bound_always_holds(ops in proptest::collection::vec((0u8..3, 0u8..16, 0usize..60), 1..200)) {
            let mut lru = ByteLru::new(100);
            let mut sizes = std::collections::HashMap::new();
            for (op, key, bytes) in ops {
                match op {
                    0 => {
                        for evicted in lru.insert(key, bytes) {
                            sizes.remove(&evicted);
                        }
                        if lru.contains(&key) {
                            sizes.insert(key, bytes);
                        }
                    }
                    1 => lru.touch(&key),
                    _ => {
                        lru.remove(&key);
                        sizes.remove(&key);
                    }
                }
                prop_assert!(lru.total_bytes() <= 100, "bound");
                prop_assert_eq!(lru.total_bytes(), sizes.values().sum::<usize>(), "sum");
                prop_assert_eq!(lru.len(), sizes.len(), "count");
            }
        }
    }
}
