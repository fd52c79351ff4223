//! Reservations and opening hours (§17): the records, and the weekly opening hours with the
//! intervals they give on real days (Cairo's 23- and 25-hour days included).
//!
//! Opening hours are written as text, one weekday per clause: `sun 09:00-23:00; mon
//! 09:00-23:00; …; fri closed; sat 10:00-02:00`. A close at or before the open time is the
//! next day's (`10:00-02:00` closes at 02:00 after midnight); `00:00-24:00` is open all day;
//! a weekday not listed is closed. Ranges of weekdays are accepted (`sun-thu 09:00-23:00`),
//! and the canonical text lists all seven days from Sunday.

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc, Weekday};
use chrono_tz::Tz;
use rust_decimal::Decimal;
use uuid::Uuid;

use crate::error::{Error, Result};

string_enum!(
    /// Where a reservation stands (R-BOOK-1..3).
    ReservationStatus, "status" {
        /// Booked, waiting for its customer.
        Booked = "booked",
        /// The customer came: a session runs or ran from it.
        CheckedIn = "checked_in",
        /// Cancelled; a late cancellation carries a fee.
        Cancelled = "cancelled",
        /// Not checked in in time; it carries a fee.
        NoShow = "no_show",
    }
);

/// A resource booked ahead for a customer (R-BOOK-1).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Reservation {
    /// UUID v7.
    pub id: Uuid,
    /// `R-0001`, … (gapless).
    pub reservation_number: String,
    /// Who booked.
    pub customer_id: Uuid,
    /// What is booked.
    pub resource_id: Uuid,
    /// First booked instant.
    pub start: DateTime<Utc>,
    /// The instant after the last booked one.
    pub end: DateTime<Utc>,
    /// Booked, checked in, cancelled or no-show.
    pub status: ReservationStatus,
    /// The resource's rate when booked: the session and any fee use it.
    pub rate_per_hour: Decimal,
    /// When it was booked.
    pub created_at: DateTime<Utc>,
    /// When it was checked in, cancelled or marked a no-show.
    pub closed_at: Option<DateTime<Utc>>,
    /// The session it was checked in to.
    pub session_id: Option<Uuid>,
    /// The invoice of its late-cancellation or no-show fee.
    pub fee_invoice_id: Option<Uuid>,
}

impl Reservation {
    /// Whole reserved minutes (real elapsed time, so DST days keep true durations).
    pub fn minutes(&self) -> i64 {
        (self.end - self.start).num_minutes()
    }

    /// Whether it still holds its slot (booked or checked in).
    pub fn holds_slot(&self) -> bool {
        matches!(
            self.status,
            ReservationStatus::Booked | ReservationStatus::CheckedIn
        )
    }
}

/// One weekday's hours, in minutes after local midnight: `close` ≤ `open` closes the next day,
/// `close` = 1440 is midnight at the end of the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayHours {
    /// Opening minute, 0–1439.
    pub open: u16,
    /// Closing minute, 0–1440, ≠ `open`.
    pub close: u16,
}

/// Opening hours for each weekday (R-OPEN-1); `None` for a closed day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct OpeningHours {
    /// Sunday first.
    pub days: [Option<DayHours>; 7],
}

const DAY_NAMES: [&str; 7] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

fn day_index(name: &str) -> Option<usize> {
    let n = name.trim().to_ascii_lowercase();
    DAY_NAMES
        .iter()
        .position(|d| n.starts_with(d) && d.len() <= n.len() && n.len() <= 9)
}

fn minute(text: &str, allow_24: bool) -> Result<u16> {
    let bad = || {
        Error::validation(
            "opening_hours",
            format!("{text:?} is not a time HH:MM on the minute"),
        )
    };
    let (h, m) = text.trim().split_once(':').ok_or_else(bad)?;
    if h.len() != 2 || m.len() != 2 {
        return Err(bad());
    }
    let h: u16 = h.parse().map_err(|_| bad())?;
    let m: u16 = m.parse().map_err(|_| bad())?;
    if m > 59 || h > 24 || (h == 24 && (m != 0 || !allow_24)) {
        return Err(bad());
    }
    Ok(h * 60 + m)
}

fn hhmm(m: u16) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

impl std::str::FromStr for OpeningHours {
    type Err = Error;

    fn from_str(text: &str) -> Result<Self> {
        let mut hours = OpeningHours::default();
        let mut seen = [false; 7];
        for clause in text
            .split([';', ',', '\n'])
            .filter(|c| !c.trim().is_empty())
        {
            let clause = clause.trim();
            let (days, times) = clause.split_once(char::is_whitespace).ok_or_else(|| {
                Error::validation(
                    "opening_hours",
                    format!("{clause:?} should read like \"sun 09:00-23:00\" or \"fri closed\""),
                )
            })?;
            let unknown = |d: &str| {
                Error::validation(
                    "opening_hours",
                    format!("{d:?} is not a weekday (sun, mon, tue, wed, thu, fri, sat)"),
                )
            };
            let (first, last) = match days.split_once('-') {
                Some((a, b)) => (
                    day_index(a).ok_or_else(|| unknown(a))?,
                    day_index(b).ok_or_else(|| unknown(b))?,
                ),
                None => {
                    let d = day_index(days).ok_or_else(|| unknown(days))?;
                    (d, d)
                }
            };
            let value = match times.trim().to_ascii_lowercase().as_str() {
                "closed" => None,
                t => {
                    let (open, close) = t.split_once('-').ok_or_else(|| {
                        Error::validation(
                            "opening_hours",
                            format!("{t:?} should read like 09:00-23:00"),
                        )
                    })?;
                    let (open, close) = (minute(open, false)?, minute(close, true)?);
                    if open == close || (open == 0 && close == 0) {
                        return Err(Error::validation(
                            "opening_hours",
                            format!(
                                "{clause:?} opens and closes at the same time (00:00-24:00 is all day)"
                            ),
                        ));
                    }
                    Some(DayHours { open, close })
                }
            };
            let mut d = first;
            loop {
                if seen[d] {
                    return Err(Error::validation(
                        "opening_hours",
                        format!("{} is given twice", DAY_NAMES[d]),
                    ));
                }
                seen[d] = true;
                hours.days[d] = value;
                if d == last {
                    break;
                }
                d = (d + 1) % 7;
            }
        }
        if !seen.iter().any(|s| *s) {
            return Err(Error::validation(
                "opening_hours",
                "give at least one weekday, like \"sun-thu 09:00-23:00; fri closed\"",
            ));
        }
        Ok(hours)
    }
}

impl std::fmt::Display for OpeningHours {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts: Vec<String> = self
            .days
            .iter()
            .zip(DAY_NAMES)
            .map(|(d, name)| match d {
                Some(h) => format!("{name} {}-{}", hhmm(h.open), hhmm(h.close)),
                None => format!("{name} closed"),
            })
            .collect();
        f.write_str(&parts.join("; "))
    }
}

/// The instant of local minute `m` after midnight starting business date `date` (a time inside
/// a DST gap moves to the first valid instant after it; an ambiguous one takes the earlier).
fn local_instant(date: NaiveDate, m: u16, tz: Tz) -> DateTime<Utc> {
    let date = if m >= 1440 {
        date.succ_opt().unwrap_or(date)
    } else {
        date
    };
    let mut local = date.and_time(chrono::NaiveTime::MIN) + Duration::minutes(i64::from(m % 1440));
    for _ in 0..120 {
        if let Some(t) = tz.from_local_datetime(&local).earliest() {
            return t.with_timezone(&Utc);
        }
        local += Duration::minutes(1);
    }
    Utc.from_utc_datetime(&local)
}

impl OpeningHours {
    /// The hours of a weekday.
    pub fn day(&self, weekday: Weekday) -> Option<DayHours> {
        self.days[weekday.num_days_from_sunday() as usize]
    }

    /// The opening interval `[open, close)` that starts on business date `date`, if it opens.
    pub fn interval(&self, date: NaiveDate, tz: Tz) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
        let h = self.day(date.weekday())?;
        let open = local_instant(date, h.open, tz);
        let close = if h.close <= h.open {
            local_instant(date.succ_opt()?, h.close, tz)
        } else {
            local_instant(date, h.close, tz)
        };
        Some((open, close))
    }

    /// The opening intervals of the business dates `from..=to`, in order, adjoining ones merged.
    pub fn intervals(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        tz: Tz,
    ) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
        let mut out: Vec<(DateTime<Utc>, DateTime<Utc>)> = Vec::new();
        for date in from.iter_days().take_while(|d| *d <= to) {
            if let Some((a, b)) = self.interval(date, tz) {
                match out.last_mut() {
                    Some(last) if a <= last.1 => last.1 = last.1.max(b),
                    _ => out.push((a, b)),
                }
            }
        }
        out
    }

    /// Whether `[start, end)` lies inside opening hours.
    pub fn contains(&self, start: DateTime<Utc>, end: DateTime<Utc>, tz: Tz) -> bool {
        let first = crate::clock::business_date(start, tz)
            .pred_opt()
            .unwrap_or(start.date_naive());
        let last = crate::clock::business_date(end, tz);
        self.intervals(first, last, tz)
            .iter()
            .any(|(a, b)| *a <= start && end <= *b)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const CAIRO: Tz = chrono_tz::Africa::Cairo;

    #[test]
    fn r_open_1_hours_parse_ranges_late_closings_and_closed_days() {
        let h: OpeningHours = "sun-thu 09:00-23:00; fri closed; sat 10:00-02:00"
            .parse()
            .unwrap();
        assert_eq!(
            h.to_string(),
            "sun 09:00-23:00; mon 09:00-23:00; tue 09:00-23:00; wed 09:00-23:00; \
             thu 09:00-23:00; fri closed; sat 10:00-02:00"
        );
        assert_eq!(h.to_string().parse::<OpeningHours>().unwrap(), h);
        // Saturday 2026-11-28 opens 10:00 Cairo (08:00 UTC) and closes 02:00 Sunday (00:00 UTC).
        let sat = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        let (open, close) = h.interval(sat, CAIRO).unwrap();
        assert_eq!(
            (open.to_rfc3339(), close.to_rfc3339()),
            (
                "2026-11-28T08:00:00+00:00".to_string(),
                "2026-11-29T00:00:00+00:00".to_string()
            )
        );
        assert!(
            h.interval(sat.pred_opt().unwrap(), CAIRO).is_none(),
            "friday is closed"
        );
        let all_day: OpeningHours = "sun-sat 00:00-24:00".parse().unwrap();
        assert_eq!(
            all_day.intervals(sat, sat.succ_opt().unwrap(), CAIRO).len(),
            1
        );
        for bad in [
            "",
            "sun 09:00",
            "sun 9:00-23:00",
            "sun 09:00-09:00",
            "xyz 09:00-10:00",
            "sun 09:30-25:00",
            "sun 09:00-10:00; sun closed",
            "sun 09:00:30-10:00",
            "sun 24:00-10:00",
        ] {
            let err = bad.parse::<OpeningHours>().unwrap_err();
            assert_eq!(err.kind(), crate::ErrorKind::Validation, "{bad}");
        }
    }

    #[test]
    fn r_open_1_intervals_on_cairo_dst_days_keep_real_lengths() {
        let h: OpeningHours = "sun-sat 00:00-24:00".parse().unwrap();
        // 2026-04-24: Cairo springs forward at 00:00 (a 23-hour day); 2026-10-29/30: back (25 hours).
        for (y, m, d, hours) in [(2026, 4, 24, 23), (2026, 10, 29, 25), (2026, 11, 24, 24)] {
            let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            let (a, b) = h.interval(date, CAIRO).unwrap();
            assert_eq!((b - a).num_hours(), hours, "{date}");
        }
    }
}
