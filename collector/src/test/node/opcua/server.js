// A node-opcua server with changing Double variables, started by the OPC UA integration tests.
// usage: node server.js PORT [--user NAME:PASSWORD] [--reject-unknown-clients]
// Prints "READY <certificate file>" once it listens on 127.0.0.1:PORT.
const opcua = require("node-opcua");

const args = process.argv.slice(2);
const port = parseInt(args[0], 10);
const userArg = args.indexOf("--user") >= 0 ? args[args.indexOf("--user") + 1] : null;
const rejectUnknown = args.indexOf("--reject-unknown-clients") >= 0;
const [user, password] = userArg ? userArg.split(":") : [null, null];

async function main() {
  const serverCertificateManager = new opcua.OPCUACertificateManager({
    automaticallyAcceptUnknownCertificate: !rejectUnknown,
  });
  await serverCertificateManager.initialize();
  const server = new opcua.OPCUAServer({
    port,
    host: "127.0.0.1",
    resourcePath: "/wattline-test",
    serverCertificateManager,
    securityPolicies: [opcua.SecurityPolicy.None, opcua.SecurityPolicy.Basic256Sha256],
    securityModes: [opcua.MessageSecurityMode.None, opcua.MessageSecurityMode.Sign,
      opcua.MessageSecurityMode.SignAndEncrypt],
    allowAnonymous: !user,
    userManager: user ? { isValidUser: (u, p) => u === user && p === password } : undefined,
    buildInfo: { productName: "wattline-test-peer" },
  });
  await server.initialize();
  const ns = server.engine.addressSpace.getOwnNamespace();
  const line = ns.addFolder(server.engine.addressSpace.rootFolder.objects, {
    browseName: "Line1", nodeId: "s=Line1",
  });
  const started = Date.now();
  let energy = 1000;
  const power = () => 40 + 10 * Math.sin((Date.now() - started) / 1000);
  ns.addVariable({
    componentOf: line, browseName: "Power", nodeId: "s=Line1.Power", dataType: "Double",
    minimumSamplingInterval: 100,
    value: { get: () => new opcua.Variant({ dataType: opcua.DataType.Double, value: power() }) },
  });
  const energyVar = ns.addVariable({
    componentOf: line, browseName: "Energy", nodeId: "s=Line1.Energy", dataType: "Double",
    minimumSamplingInterval: 100,
    value: { get: () => new opcua.Variant({ dataType: opcua.DataType.Double, value: energy }) },
  });
  ns.addVariable({
    componentOf: line, browseName: "Temperature", nodeId: "s=Line1.Temperature", dataType: "Double",
    value: new opcua.Variant({ dataType: opcua.DataType.Double, value: 21.5 }),
  });
  setInterval(() => { energy += 0.01; }, 100);
  await server.start();
  process.stdout.write("READY " + server.certificateFile + "\n");
  const stop = async () => { await server.shutdown(100); process.exit(0); };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((err) => {
  process.stderr.write("server failed: " + (err && err.stack ? err.stack : err) + "\n");
  process.exit(1);
});
