import { describe, expect, it } from 'vitest';
import { grpcTarget } from './grpc-address.ts';

describe('grpcTarget', () => {
  it.each([
    ['unix:///var/run/tetragon/tetragon.sock', 'unix:///var/run/tetragon/tetragon.sock'],
    ['unix:tetragon.sock', 'unix:tetragon.sock'],
    ['/var/run/tetragon/tetragon.sock', 'unix:///var/run/tetragon/tetragon.sock'],
    ['localhost:54321', 'localhost:54321'],
    ['10.0.0.7:54321', '10.0.0.7:54321'],
    ['[::1]:54321', '[::1]:54321'],
    ['  tetragon.kube-system.svc:54321 ', 'tetragon.kube-system.svc:54321'],
  ])('accepts %s', (address, target) => {
    expect(grpcTarget(address)).toBe(target);
  });

  it.each(['', 'unix://', 'localhost', 'localhost:0', 'localhost:65536', 'http://x:1', 'a b:1'])(
    'rejects %j with the accepted forms',
    (address) => {
      expect(() => grpcTarget(address)).toThrow(/unix:\/\/\/path\/to\/tetragon.sock or host:port/);
    },
  );
});
