/**
 * @module
 * Peak heap of a synchronous run. A converge never yields to the event loop, so a timer cannot
 * sample the heap; V8's GC profiler records the heap before every collection instead, and the
 * highest of those (or the heap at the end, if higher) is the peak.
 */
import { GCProfiler, getHeapStatistics } from 'node:v8';

/** `fn`'s result and the most heap bytes in use while it ran. */
export function withPeakHeap<T>(fn: () => T): {
  readonly result: T;
  readonly peakHeapBytes: number;
} {
  const profiler = new GCProfiler();
  profiler.start();
  let result: T;
  try {
    result = fn();
  } catch (error) {
    profiler.stop();
    throw error;
  }
  const { statistics } = profiler.stop();
  let peak = getHeapStatistics().used_heap_size;
  for (const gc of statistics) peak = Math.max(peak, gc.beforeGC.heapStatistics.usedHeapSize);
  return { result, peakHeapBytes: peak };
}
