/** How to feed exectree real Tetragon events; shown in the demo banner and the no-data state. */
export const PIPE_COMMAND =
  'kubectl logs -n kube-system -l app.kubernetes.io/name=tetragon -c export-stdout -f | npx exectree serve --stdin';
export const FILE_OPTION = '--file /var/log/tetragon/tetragon.log';
export const INGEST_ENDPOINT = '/api/v1/events';
