# Draws search-root's p50 and p99 latency against the number of leaves, hedging on and off,
# from the data LeavesVersusLatency writes: one block per number of clients, columns
# leaves p50_hedged p99_hedged p50_unhedged p99_unhedged (milliseconds).
#
#   gnuplot -c bench/plot-search-leaves.gp search-root/target/bench/search-leaves-plot.dat out.png
data = ARG1
set terminal pngcairo size 1400,620 font "DejaVu Sans,12"
set output ARG2

set multiplot layout 1,2 title "search-root latency against the number of leaves\n50,000 documents, 2 replicas per shard, 1% of leaf requests delayed 100 ms, 2 cores" font ",14"
set logscale x 2
set xrange [0.8:10]
set xtics ("1" 1, "2" 2, "4" 4, "8" 8)
set logscale y 10
set yrange [4:600]
set ytics ("5" 5, "10" 10, "20" 20, "50" 50, "100" 100, "200" 200, "500" 500)
set grid xtics ytics lc rgb "#dddddd"
set xlabel "leaves (shards a query fans out to)"
set ylabel "latency (ms, log scale)"
set key top left box opaque

set style line 1 lc rgb "#1f77b4" lw 2 pt 7 ps 1.2 dt 1
set style line 2 lc rgb "#1f77b4" lw 2 pt 6 ps 1.2 dt 2
set style line 3 lc rgb "#d62728" lw 2 pt 5 ps 1.2 dt 1
set style line 4 lc rgb "#d62728" lw 2 pt 4 ps 1.2 dt 2

do for [block = 0:1] {
  set title (block == 0 ? "1 client: one query at a time" : "4 clients: both cores saturated")
  plot data index block using 1:2 with linespoints ls 1 title "p50, hedging on", \
       ''   index block using 1:4 with linespoints ls 2 title "p50, hedging off", \
       ''   index block using 1:3 with linespoints ls 3 title "p99, hedging on", \
       ''   index block using 1:5 with linespoints ls 4 title "p99, hedging off"
}
unset multiplot
