print("reviewroom-bench: no benchmarks yet")
