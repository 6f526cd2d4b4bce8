//! aqua-vm (skeleton)
