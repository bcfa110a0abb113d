//! The pure domain model: every business number of Salesplan is computed here.
//!
//! No browser types, no yew: this module compiles and is tested natively (`cargo test`).
//! The UI formats and words what these functions return and never computes a figure itself;
//! the model holds no display text (see [`names`] for the names it gives to what it creates).

pub mod calendar;
pub mod clients;
pub mod diagnostics;
pub mod fact;
pub mod funnel;
pub mod headcount;
pub mod ltv;
pub mod money;
pub mod names;
pub mod plan;
pub mod stage;
pub mod validation;

pub use money::Currency;
pub use names::{Name, Namer};
pub use plan::Plan;
pub use validation::{FieldError, Problem, Rule};
