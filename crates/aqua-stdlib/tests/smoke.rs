mod common;
use common::*;

#[test]
fn hello() {
    check(
        "print('hello', 1, 2.5, nil, true)",
        "hello\t1\t2.5\tnil\ttrue\n",
    );
}
