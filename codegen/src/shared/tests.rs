use super::run_jobs;

#[test]
fn jobs_come_back_in_order_on_any_number_of_threads() {
    for threads in [0, 1, 2, 4] {
        let squares = run_jobs(100, threads, |i| Ok::<_, String>(i * i), String::new).unwrap();
        assert_eq!(squares, (0..100).map(|i| i * i).collect::<Vec<_>>());
    }
    let none = run_jobs(0, 2, Ok::<usize, String>, String::new).unwrap();
    assert!(none.is_empty());
}

#[test]
fn the_first_failing_job_is_told() {
    for threads in [1, 2, 4] {
        let result = run_jobs(
            50,
            threads,
            |i| if i % 7 == 3 { Err(i) } else { Ok(i) },
            || usize::MAX,
        );
        assert_eq!(result, Err(3));
    }
}
