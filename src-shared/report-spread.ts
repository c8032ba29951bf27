/**
 * How long a screen may wait after its flip before it sends `presented`. Every screen of a hall
 * flips in the same frame; if each also reported in that frame, the controller would take a
 * burst of a thousand messages at the moment the hall's screens (and, where a controller shares
 * a machine with screens, their pages) need the CPU most. Spread over this window, each report
 * still carries its exact frame time, and a switch report is complete at most this much later.
 * The screen page and the simulated screens of the tests and benchmarks use the same window.
 */
export const PRESENTED_SPREAD_MS = 400;

/** A screen's wait before reporting one flip: anywhere in the window, fresh for each flip. */
export const presentedReportDelayMs = (random: () => number = Math.random): number =>
  random() * PRESENTED_SPREAD_MS;
