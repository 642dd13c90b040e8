//! The history's order: `sort_newest_first` (a merge sort of its own, for the bundle's bytes)
//! orders any history exactly as the standard library's stable sort does.

use loyalty_badge::api::model::sort_newest_first;
use loyalty_badge::{Activity, Timestamp};
use proptest::prelude::*;

use crate::native::run;

const CASES: u32 = 5_000;

pub fn the_history_sorts_as_a_stable_sort_does() -> bool {
    // Few distinct dates (and undated entries), so that most histories have ties.
    let dates = prop_oneof![
        proptest::option::of(-3_i64..12),
        proptest::option::of(any::<i32>().prop_map(i64::from)),
    ];
    run(
        "any history: newest first, ties and undated entries in the order sent, as a stable sort",
        CASES,
        proptest::collection::vec(dates, 0..300),
        |dates| {
            let mut activities: Vec<Activity> = dates
                .iter()
                .enumerate()
                .map(|(sent, date)| Activity {
                    name: sent.to_string(),
                    num_points: 1,
                    notes: None,
                    date: date.and_then(|s| Timestamp::from_epoch_seconds(s * 86_400)),
                })
                .collect();
            let mut expected = activities.clone();
            expected.sort_by(|a, b| {
                let key = |activity: &Activity| activity.date.map(|d| d.epoch_seconds());
                key(b).cmp(&key(a))
            });
            sort_newest_first(&mut activities);
            prop_assert_eq!(activities, expected);
            Ok(())
        },
    )
}
