import type { Process } from '@exectree/domain';
import { formatTimestamp, printable, shortContainerId } from '../../view/format.ts';
import { Field } from './Field.tsx';

/** Pod, container, image, workload, node and labels of one process. */
export function KubernetesFacts({ process }: { process: Process }) {
  const pod = process.pod;
  const container = pod?.container ?? null;
  const labels = Object.entries(pod?.labels ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return (
    <section className="dsection" aria-labelledby="facts-k8s">
      <h3 className="dsection__title" id="facts-k8s">
        {pod ? 'Kubernetes' : 'Location'}
      </h3>
      <dl className="fields">
        {pod && (
          <Field name="pod" label="Pod" mono>
            {printable(`${pod.namespace}/${pod.name}`)}
          </Field>
        )}
        {container && (
          <>
            <Field name="container" label="Container" mono>
              {printable(container.name)}
              {container.maybeExecProbe && (
                <span className="dchip dchip--warn">likely exec probe</span>
              )}
            </Field>
            <Field name="image" label="Image" mono>
              {printable(container.image)}
            </Field>
            <Field name="container-id" label="Container ID" mono>
              <span title={printable(container.id)}>
                {shortContainerId(printable(container.id))}
              </span>
            </Field>
            {container.startTime && (
              <Field name="container-start" label="Container started" mono>
                {formatTimestamp(container.startTime)}
              </Field>
            )}
          </>
        )}
        {pod?.workload && (
          <Field name="workload" label="Workload" mono>
            {printable(`${pod.workloadKind ? pod.workloadKind + '/' : ''}${pod.workload}`)}
          </Field>
        )}
        {process.inInitTree !== null && pod && (
          <Field name="init-tree" label="Entry">
            {process.inInitTree
              ? 'descends from the container entrypoint'
              : 'entered from outside the init tree (e.g. kubectl exec)'}
          </Field>
        )}
        {!pod && process.docker && (
          <Field name="docker" label="Container ID" mono>
            {printable(process.docker)}
          </Field>
        )}
        <Field name="node" label="Node" mono>
          {printable(process.node || '—')}
        </Field>
        {labels.length > 0 && (
          <Field name="labels" label="Labels">
            <span className="dchips">
              {labels.map(([key, value]) => (
                <span key={key} className="dchip dchip--label mono" title={`${key}=${value}`}>
                  {printable(key)}
                  <span className="dchip__value">={printable(value)}</span>
                </span>
              ))}
            </span>
          </Field>
        )}
      </dl>
    </section>
  );
}
