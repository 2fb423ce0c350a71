import { App } from 'aws-cdk-lib';
import { buildClinicIvrApp } from '../lib/clinicIvrApp';
import { DeploymentContextError } from '../lib/deploymentContext';

const app = new App();
try {
  buildClinicIvrApp(app);
} catch (error) {
  // A configuration mistake gets its message alone, not a stack trace.
  if (!(error instanceof DeploymentContextError)) throw error;
  console.error(error.message);
  process.exit(1);
}
app.synth();
