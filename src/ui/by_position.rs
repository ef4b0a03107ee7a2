//! Values per component position (ids, monthly costs, problem counts) shared by every
//! card or row of a list, so that an edit wakes only the cards and rows whose value it
//! changed, however many components the plan has.
//!
//! Memos cannot do this: when the plan changes, every memo and effect downstream of it
//! is marked to be checked (each node's subscribers in turn), equal values or not, so a
//! memo per card over the plan or the estimate (or over a shared list of them) wakes
//! every card on every keystroke, and each wake-up walks and re-subscribes through
//! source sets that every card shares. Here the list is derived once per change, in one
//! effect that compares it with the last one and sets the signal of each position whose
//! value changed: the fan-out of Leptos's own `Selector` (also an effect over a source,
//! setting a signal per key). It writes no app state and decides nothing; the values
//! come from the core.

use std::sync::Arc;

use leptos::prelude::*;

/// A list of values by position, read one position at a time.
pub struct ByPosition<T: Send + Sync + 'static> {
    /// The list as the positions' signals hold it.
    latest: StoredValue<Vec<T>>,
    /// A signal per position read so far (positions past the list's end hold the
    /// default), created on first read.
    slots: StoredValue<Vec<ArcRwSignal<T>>>,
}

// Copied as its two handles, whatever `T` is (derived, they would ask `T: Copy`).
impl<T: Send + Sync + 'static> Clone for ByPosition<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for ByPosition<T> {}

impl<T: Clone + Default + PartialEq + Send + Sync + 'static> ByPosition<T> {
    /// The values `list` derives (tracked), one per position.
    pub fn new(list: impl Fn() -> Vec<T> + Send + Sync + 'static) -> Self {
        let list = Arc::new(list);
        let latest = StoredValue::new(untrack({
            let list = list.clone();
            move || list()
        }));
        let slots = StoredValue::new(Vec::<ArcRwSignal<T>>::new());
        Effect::new(move |_| {
            let now = list();
            // The positions to set, collected first: no handle is held while signals
            // are set.
            let changed: Vec<(ArcRwSignal<T>, T)> = latest
                .try_with_value(|before| {
                    slots.with_value(|slots| {
                        slots
                            .iter()
                            .enumerate()
                            .filter(|(i, _)| before.get(*i) != now.get(*i))
                            .map(|(i, slot)| {
                                (slot.clone(), now.get(i).cloned().unwrap_or_default())
                            })
                            .collect()
                    })
                })
                .unwrap_or_default();
            latest.try_set_value(now);
            for (slot, value) in changed {
                slot.set(value);
            }
        });
        ByPosition { latest, slots }
    }

    /// The value at `index` (the default past the list's end), as a signal that
    /// changes only when that value does.
    pub fn at(&self, index: usize) -> Signal<T> {
        let latest = self.latest;
        self.slots
            .try_update_value(|slots| {
                while slots.len() <= index {
                    let at = slots.len();
                    let value = latest.with_value(|l| l.get(at).cloned().unwrap_or_default());
                    slots.push(ArcRwSignal::new(value));
                }
                Signal::from(slots[index].read_only())
            })
            .unwrap_or_default()
    }
}

/// One value `derive` derives (tracked), as a signal that changes only when the value
/// does: for a value that every card or row reads, such as whether there is room for
/// another component.
pub fn shared<T>(derive: impl Fn() -> T + Send + Sync + 'static) -> Signal<T>
where
    T: Clone + Default + PartialEq + Send + Sync + 'static,
{
    ByPosition::new(move || vec![derive()]).at(0)
}
