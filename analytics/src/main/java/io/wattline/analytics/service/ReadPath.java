package io.wattline.analytics.service;

/**
 * Where counter readings come from: rollup buckets' first and last readings (the default: exact at
 * every boundary aligned to the bucket, see docs/accounting.md), or every raw sample.
 */
public enum ReadPath { ROLLUP, RAW }
