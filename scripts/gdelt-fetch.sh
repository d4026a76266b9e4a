#!/bin/sh
# Puts GDELT 2.0's latest events export into timelined's spool: gdelt-fetch.sh SPOOL_DIR.
# Run every 15 minutes (README "Importing GDELT": a systemd timer or cron). The file is
# downloaded under a dot-name and renamed into place, as the spool requires; one already
# imported (in processed/) or waiting is not fetched again.
set -eu
spool=${1:?usage: gdelt-fetch.sh SPOOL_DIR}
# Each line: size, MD5, URL; the events export is the one ending in .export.CSV.zip.
url=$(curl -fsS http://data.gdeltproject.org/gdeltv2/lastupdate.txt | awk '$3 ~ /\.export\.CSV\.zip$/ { print $3 }')
[ -n "$url" ] || { echo "gdelt-fetch: no export file in lastupdate.txt" >&2; exit 1; }
name=$(basename "$url")
if [ -e "$spool/processed/$name" ] || [ -e "$spool/$name" ]; then exit 0; fi
curl -fsS -o "$spool/.$name" "$url"
mv "$spool/.$name" "$spool/$name"
