import { EmergingSection } from './EmergingSection';
import { HotspotsSection } from './HotspotsSection';
import { NearRepeatSection } from './NearRepeatSection';
import { PredictSection } from './PredictSection';

/** Phase 1, assess: where and when crime concentrates, and how it is changing. */
export function AssessPanel(): React.JSX.Element {
  return (
    <div className="panel" data-testid="assess-panel">
      <HotspotsSection />
      <EmergingSection />
      <NearRepeatSection />
      <PredictSection />
    </div>
  );
}
