import { prngFor, type Prng } from '../prng.ts';
import type { SimImage } from '../model/types.ts';

/** The alphabet Kubernetes uses for generated name suffixes (no vowels, no look-alikes). */
const K8S_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

export function k8sSuffix(rng: Prng, length: number): string {
  return rng.chars(K8S_ALPHABET, length);
}

export function uuid(rng: Prng): string {
  const hex = rng.hex(32);
  const variant = '89ab'.charAt(rng.int(0, 3));
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20)}`;
}

/** The digest depends only on the image name, so every pod of an image agrees on it. */
export function imageOf(name: string): SimImage {
  const colon = name.lastIndexOf(':');
  const repository = colon > name.lastIndexOf('/') ? name.slice(0, colon) : name;
  return { name, id: `${repository}@sha256:${prngFor(0, name).hex(64)}` };
}

export function nodeName(rng: Prng, cluster: string, index: number): string {
  const pool = index === 0 ? 'system' : 'default';
  return `gke-${cluster}-${pool}-${rng.hex(8)}-${k8sSuffix(rng, 4)}`;
}
