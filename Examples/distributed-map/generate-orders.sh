#!/bin/sh
# Writes the example's input into a data directory's local S3 (see README.md):
#   s3://distributed-map-orders/orders.csv   a header row and ROWS orders (default 100000)
#   s3://distributed-map-results/            the (empty) bucket the ResultWriter writes into
# Usage: sh Examples/distributed-map/generate-orders.sh [DATA_DIR] [ROWS]
# The rows are a pure function of their number, so every run writes the same file. The CSV is
# written to a temporary name in its folder and renamed, so a reader never sees half of it.
set -eu
data=${1:-.asl-data}
rows=${2:-100000}
case $rows in
'' | *[!0-9]*)
    echo "generate-orders.sh: ROWS must be a whole number, got '$rows'" >&2
    exit 2
    ;;
esac
mkdir -p "$data/s3/distributed-map-orders" "$data/s3/distributed-map-results"
target="$data/s3/distributed-map-orders/orders.csv"
temporary="$data/s3/distributed-map-orders/.orders.csv.tmp-$$"
trap 'rm -f "$temporary"' EXIT
awk -v rows="$rows" 'BEGIN {
    split("US DE FR JP BR IN", countries, " ")
    print "order_id,customer_id,country,amount,status"
    for (i = 1; i <= rows; i++) {
        cents = (i * 37) % 10000
        status = (i % 50 == 0) ? "REFUNDED" : "PAID"
        printf "%d,c%04d,%s,%d.%02d,%s\n", i, (i * 7919) % 5000, countries[i % 6 + 1], int(cents / 100), cents % 100, status
    }
}' > "$temporary"
mv "$temporary" "$target"
trap - EXIT
echo "wrote $rows orders to $target"
