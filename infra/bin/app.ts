import { App } from 'aws-cdk-lib';
import { ClinicIvrStack } from '../lib/ClinicIvrStack';

const app = new App();
new ClinicIvrStack(app, 'ClinicIvr', { description: 'Clinic voice IVR on Amazon Connect and Lex V2' });
app.synth();
