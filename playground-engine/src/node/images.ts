/**
 * The kubelet's image manager (pkg/kubelet/images/image_manager.go EnsureImageExists): pull
 * policy, the Pulling / Pulled / Failed / BackOff events, and the image pull back-off keyed
 * by `<podUID>_<image>`.
 */
import type { NodeRuntime, ImageConfig } from './runtime/types';
import { Backoff, goDuration } from './backoff';
import type { VirtualMs } from '../types';

export type EnsureResult =
  | { ok: true; image: ImageConfig }
  | { ok: false; reason: 'ErrImagePull' | 'ImagePullBackOff' | 'ErrImageNeverPull' | 'InvalidImageName'; message: string };

export interface ImageEvents {
  event(type: 'Normal' | 'Warning', reason: string, message: string): void;
}

export class ImageManager {
  readonly backoff: Backoff;

  constructor(private runtime: NodeRuntime, now: () => VirtualMs) {
    this.backoff = new Backoff(now);
  }

  /** Ensure the image of a container is present; `done` receives the outcome. */
  ensure(podUid: string, image: string, policy: string, ev: ImageEvents, done: (r: EnsureResult) => void): void {
    const present = this.runtime.hasImage(image);
    const pull = policy === 'Always' || (policy === 'IfNotPresent' && !present);
    if (!pull) {
      if (present) {
        ev.event('Normal', 'Pulled', `Container image "${image}" already present on machine`);
        done({ ok: true, image: this.runtime.imageConfig(image)! });
      } else {
        const msg = `Container image "${image}" is not present with pull policy of Never`;
        ev.event('Warning', 'ErrImageNeverPull', msg);
        done({ ok: false, reason: 'ErrImageNeverPull', message: msg });
      }
      return;
    }
    const key = `${podUid}_${image}`;
    if (this.backoff.isInBackOffSinceUpdate(key)) {
      const msg = `Back-off pulling image "${image}"`;
      ev.event('Normal', 'BackOff', msg);
      done({ ok: false, reason: 'ImagePullBackOff', message: msg });
      return;
    }
    ev.event('Normal', 'Pulling', `Pulling image "${image}"`);
    this.runtime.pull(image, (o) => {
      if (!o.ok) {
        ev.event('Warning', 'Failed', `Failed to pull image "${image}": ${o.error}`);
        this.backoff.next(key, 0);
        done({ ok: false, reason: 'ErrImagePull', message: o.error });
        return;
      }
      ev.event('Normal', 'Pulled', `Successfully pulled image "${image}" in ${goDuration(o.pullMs)} (${goDuration(o.pullMs + o.waitedMs)} including waiting). Image size: ${o.image.sizeBytes} bytes.`);
      done({ ok: true, image: o.image });
    });
  }
}
