//! Client base from data (DESIGN.md §3.4): transactions import and analytics.
