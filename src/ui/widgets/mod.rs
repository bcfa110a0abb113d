//! Small reusable pieces of the interface.

pub mod after_first_paint;
pub mod bar_chart;
pub mod calculator;
pub mod fields;
pub mod figure;

pub use after_first_paint::use_after_first_paint;
pub use bar_chart::{Bar, BarChart};
pub use calculator::{use_calculator, Calculation, LastReports, StaleNote};
pub use fields::{DateField, MonthField, NumberField, SelectField, TextField, Unlimited};
pub use figure::Figure;
