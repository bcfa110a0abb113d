//! Small reusable pieces of the interface.

pub mod after_first_paint;
pub mod fields;
pub mod figure;

pub use after_first_paint::use_after_first_paint;
pub use fields::{NumberField, SelectField, TextField};
pub use figure::Figure;
pub mod last_valid;

pub use last_valid::{use_last_valid, Shown};
pub mod bar_chart;

pub use bar_chart::{Bar, BarChart};
