// Runs in: vitest (node). The model manager's numbers in words: sizes, speeds, ETAs, memory, devices.
import { describe, expect, it } from 'vitest';
import { deviceLine, formatBytes, formatEta, formatMemory, formatSpeed, percent } from '../../../src-renderer/models/format';

describe('formatBytes', () => {
  it('uses decimal units with one decimal below 100 and none above', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(496)).toBe('496 B');
    expect(formatBytes(7000)).toBe('7.0 kB');
    expect(formatBytes(28_200_000)).toBe('28.2 MB');
    expect(formatBytes(44_700_000)).toBe('44.7 MB');
    expect(formatBytes(719_000_000)).toBe('719 MB');
    expect(formatBytes(3_440_000_000)).toBe('3.4 GB');
    expect(formatBytes(2.5e12)).toBe('2.5 TB');
  });

  it('never prints "100.0" or "1000" of a unit: it rounds into the next one', () => {
    expect(formatBytes(99_960)).toBe('100 kB');
    expect(formatBytes(999_960)).toBe('1.0 MB');
    expect(formatBytes(999_999_999)).toBe('1.0 GB');
  });

  it('treats nonsense as nothing', () => {
    expect(formatBytes(-5)).toBe('0 B');
    expect(formatBytes(Number.NaN)).toBe('0 B');
    expect(formatBytes(Number.POSITIVE_INFINITY)).toBe('0 B');
  });

  it('formats speeds per second', () => {
    expect(formatSpeed(3_100_000)).toBe('3.1 MB/s');
    expect(formatSpeed(0)).toBe('0 B/s');
  });
});

describe('formatEta', () => {
  it('is empty when unknown', () => {
    expect(formatEta(null)).toBe('');
    expect(formatEta(undefined)).toBe('');
    expect(formatEta(Number.NaN)).toBe('');
    expect(formatEta(-1)).toBe('');
  });

  it('counts seconds, then minutes and seconds, then minutes, then hours', () => {
    expect(formatEta(0)).toBe('0 s left');
    expect(formatEta(12.2)).toBe('13 s left');
    expect(formatEta(59)).toBe('59 s left');
    expect(formatEta(60)).toBe('1 min left');
    expect(formatEta(185)).toBe('3 min 5 s left');
    expect(formatEta(25 * 60 + 20)).toBe('25 min left');
    expect(formatEta(3600)).toBe('1 h left');
    expect(formatEta(3600 + 10 * 60)).toBe('1 h 10 min left');
  });
});

describe('formatMemory and percent', () => {
  it('shows the catalog memory estimate in MB or GB', () => {
    expect(formatMemory(400)).toBe('400 MB');
    expect(formatMemory(1500)).toBe('1.5 GB');
    expect(formatMemory(6000)).toBe('6 GB');
  });

  it('clamps percentages to 0–100 and survives an unknown total', () => {
    expect(percent(50, 200)).toBe(25);
    expect(percent(199, 200)).toBe(99);
    expect(percent(300, 200)).toBe(100);
    expect(percent(5, 0)).toBe(0);
  });
});

describe('deviceLine', () => {
  it('always names the CPU, with the engine note as the reason', () => {
    expect(deviceLine({ name: 'cpu' })).toBe('Runs on CPU');
    expect(deviceLine({ name: 'cpu', note: 'no GPU provider installed' })).toBe('Runs on CPU — no GPU provider installed');
  });

  it('does not repeat a "Running on CPU" prefix the note already has', () => {
    expect(deviceLine({ name: 'cpu', note: 'Running on CPU.' })).toBe('Runs on CPU');
    expect(deviceLine({ name: 'cpu', note: 'Running on CPU: no CUDA provider installed.' })).toBe(
      'Runs on CPU — no CUDA provider installed',
    );
    expect(deviceLine({ name: 'cpu', note: 'No GPU provider installed.' })).toBe('Runs on CPU — no GPU provider installed');
  });

  it('keeps acronyms as they are and names GPUs', () => {
    expect(deviceLine({ name: 'cpu', note: 'CUDA provider not installed' })).toBe('Runs on CPU — CUDA provider not installed');
    expect(deviceLine({ name: 'cuda' })).toBe('Runs on NVIDIA GPU (CUDA)');
    expect(deviceLine({ name: 'dml', note: 'Using the first adapter.' })).toBe('Runs on GPU (DirectML) — using the first adapter');
  });
});
