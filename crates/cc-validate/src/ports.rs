//! The port-list syntax of bind rows (being written).
