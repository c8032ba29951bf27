import { describe, expect, it } from 'vitest';
import {
  DISABLE_GPU_ARG,
  GPU_CRASHES_ARG,
  planAfterChildGone,
} from '../../../src-main/gpu-recovery';

const argv = ['dist/main/main.js', '--controller', 'http://hall:7400', '--ozone-platform=x11'];
const gpuCrash = { type: 'GPU', reason: 'crashed' };

describe('planAfterChildGone', () => {
  it('relaunches with the same arguments after a GPU crash, recording the time', () => {
    expect(planAfterChildGone(gpuCrash, argv, 1_000_000)).toEqual({
      action: 'relaunch',
      args: [...argv, `${GPU_CRASHES_ARG}1000000`],
      softwareRendering: false,
    });
  });

  it.each([
    ['a utility process crash', { type: 'Utility', reason: 'crashed' }],
    ['a zygote going away', { type: 'Zygote', reason: 'killed' }],
    ['a GPU process exiting cleanly', { type: 'GPU', reason: 'clean-exit' }],
  ])('ignores %s', (_label, details) => {
    expect(planAfterChildGone(details, argv, 1)).toEqual({ action: 'ignore' });
  });

  it('switches to software rendering on the third GPU crash within ten minutes', () => {
    const second = planAfterChildGone(gpuCrash, [...argv, `${GPU_CRASHES_ARG}100000`], 200_000);
    expect(second).toMatchObject({ action: 'relaunch', softwareRendering: false });
    if (second.action !== 'relaunch') throw new Error('expected a relaunch');
    expect(second.args.filter((arg) => arg.startsWith(GPU_CRASHES_ARG))).toEqual([
      `${GPU_CRASHES_ARG}100000,200000`,
    ]);

    const third = planAfterChildGone(gpuCrash, second.args, 300_000);
    expect(third).toEqual({
      action: 'relaunch',
      args: [...argv, `${GPU_CRASHES_ARG}100000,200000,300000`, DISABLE_GPU_ARG],
      softwareRendering: true,
    });
  });

  it('forgets crashes older than the window', () => {
    const plan = planAfterChildGone(
      gpuCrash,
      [...argv, `${GPU_CRASHES_ARG}0,1000`],
      10 * 60_000 + 500,
    );
    expect(plan).toMatchObject({
      args: [...argv, `${GPU_CRASHES_ARG}1000,600500`],
      softwareRendering: false,
    });
  });

  it('ignores garbage in the recorded times and does not add --disable-gpu twice', () => {
    const plan = planAfterChildGone(
      gpuCrash,
      [...argv, DISABLE_GPU_ARG, `${GPU_CRASHES_ARG}x,10,20`],
      30,
    );
    expect(plan).toEqual({
      action: 'relaunch',
      args: [...argv, DISABLE_GPU_ARG, `${GPU_CRASHES_ARG}10,20,30`],
      softwareRendering: true,
    });
  });
});
