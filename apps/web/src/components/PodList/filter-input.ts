/** DOM id of the pod filter box, so "/" can focus it from anywhere. */
export const FILTER_INPUT_ID = 'pod-filter';
