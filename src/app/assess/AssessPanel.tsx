import { HotspotsSection } from './HotspotsSection';

/** Phase 1, assess: where and when crime concentrates, and how it is changing. */
export function AssessPanel(): React.JSX.Element {
  return (
    <div className="panel" data-testid="assess-panel">
      <HotspotsSection />
    </div>
  );
}
