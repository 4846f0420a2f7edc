// Minimal Node.js language host for the Pulumi engine, built by scripts/ensure-pulumi.sh when the official one cannot be fetched.
package main

// The official host (module github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3) has no
// tags and the Go module proxy reachable here serves none of its pseudo-versions, so this is our own
// equivalent of the part the engine needs for `pulumi up/preview/refresh/destroy` of a Node.js
// program: Run starts `node @pulumi/pulumi/cmd/run` from the program's node_modules with the same
// flags and environment as the official host. Not implemented: plugin discovery from package.json
// (dynamic providers need none), dependency installation, debugging, code generation, packing.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"strconv"
	"strings"
	"sync"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/version"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// exitCodeUserActionable is what @pulumi/pulumi/cmd/run exits with after it has already printed an
// actionable error; the engine is then told to bail without adding its own message.
const exitCodeUserActionable = 32

type nodeHost struct {
	pulumirpc.UnimplementedLanguageRuntimeServer

	engineAddress string
	tracing       string
	cancelCtx     context.Context
	cancel        context.CancelFunc
}

func main() {
	engineAddress, tracing, showVersion := parseArgs(os.Args[1:])
	if showVersion {
		fmt.Println(version.Version)
		return
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	stopServing := make(chan bool)
	go func() {
		<-ctx.Done()
		close(stopServing)
	}()

	// Exit on our own when the engine goes away, as the official host does.
	if engineAddress != "" {
		if err := rpcutil.Healthcheck(ctx, engineAddress, 5*time.Minute, stop); err != nil {
			fail(fmt.Errorf("could not start health check: %w", err))
		}
	}

	cancelCtx, cancel := context.WithCancel(context.Background())
	host := &nodeHost{engineAddress: engineAddress, tracing: tracing, cancelCtx: cancelCtx, cancel: cancel}
	// The health check above polls every 5 minutes; a killed engine is noticed at once instead: interrupt
	// the program, stop serving, and exit even if the program ignores the interrupt.
	watchEngine(func() {
		host.cancel()
		stop()
		time.AfterFunc(10*time.Second, func() { os.Exit(1) })
	})
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Cancel: stopServing,
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, host)
			return nil
		},
	})
	if err != nil {
		fail(fmt.Errorf("could not start language host RPC server: %w", err))
	}
	// The engine reads the port from our first line of stdout.
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		fail(fmt.Errorf("language host RPC stopped serving: %w", err))
	}
}

// watchEngine calls gone once, when the engine that started us is gone: end-of-file on the stdin pipe
// it gave us (it never writes to it nor closes it), or a new parent process (re-parented to init after
// the engine died, for a stdin that is not a pipe).
func watchEngine(gone func()) {
	var once sync.Once
	fire := func() { once.Do(gone) }
	if fi, err := os.Stdin.Stat(); err == nil && fi.Mode()&os.ModeNamedPipe != 0 {
		go func() {
			_, _ = io.Copy(io.Discard, os.Stdin)
			fire()
		}()
	}
	parent := os.Getppid()
	go func() {
		ticker := time.NewTicker(500 * time.Millisecond)
		defer ticker.Stop()
		for range ticker.C {
			if os.Getppid() != parent {
				fire()
				return
			}
		}
	}()
}

// parseArgs accepts the engine's launch line: optional flags (-tracing URL, -runtime NAME,
// -root DIR, logging flags) followed by the engine address as the last positional argument.
func parseArgs(args []string) (engineAddress, tracing string, showVersion bool) {
	for i := 0; i < len(args); i++ {
		arg := args[i]
		if !strings.HasPrefix(arg, "-") {
			engineAddress = arg
			continue
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(arg, "-"), "=")
		switch name {
		case "version":
			showVersion = true
		case "tracing", "runtime", "root":
			if !hasValue && i+1 < len(args) {
				i++
				value = args[i]
			}
			if name == "tracing" {
				tracing = value
			}
		}
	}
	return engineAddress, tracing, showVersion
}

func fail(err error) {
	fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: %v\n", err)
	os.Exit(1)
}

func (h *nodeHost) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version.Version}, nil
}

func (h *nodeHost) Handshake(
	_ context.Context, req *pulumirpc.LanguageHandshakeRequest,
) (*pulumirpc.LanguageHandshakeResponse, error) {
	h.engineAddress = req.GetEngineAddress()
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

// GetRequiredPackages reports nothing: the only provider a dynamic-resource program needs is the
// bundled pulumi-nodejs one, which the engine finds beside the CLI or on PATH.
func (h *nodeHost) GetRequiredPackages(
	context.Context, *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	return &pulumirpc.GetRequiredPackagesResponse{}, nil
}

func (h *nodeHost) GetProgramDependencies(
	context.Context, *pulumirpc.GetProgramDependenciesRequest,
) (*pulumirpc.GetProgramDependenciesResponse, error) {
	return &pulumirpc.GetProgramDependenciesResponse{}, nil
}

func (h *nodeHost) RuntimeOptionsPrompts(
	context.Context, *pulumirpc.RuntimeOptionsRequest,
) (*pulumirpc.RuntimeOptionsResponse, error) {
	return &pulumirpc.RuntimeOptionsResponse{}, nil
}

// InstallDependencies is a no-op: the project installs its node_modules with npm itself.
func (h *nodeHost) InstallDependencies(
	*pulumirpc.InstallDependenciesRequest, grpc.ServerStreamingServer[pulumirpc.InstallDependenciesResponse],
) error {
	return nil
}

func (h *nodeHost) About(ctx context.Context, _ *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	nodeBin, err := exec.LookPath("node")
	if err != nil {
		return nil, fmt.Errorf("could not find node on the $PATH: %w", err)
	}
	out, _ := exec.CommandContext(ctx, nodeBin, "--version").Output()
	return &pulumirpc.AboutResponse{Executable: nodeBin, Version: strings.TrimSpace(string(out))}, nil
}

func (h *nodeHost) Cancel(context.Context, *emptypb.Empty) (*emptypb.Empty, error) {
	h.cancel()
	return &emptypb.Empty{}, nil
}

func (h *nodeHost) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	if req.GetAttachDebugger() {
		return &pulumirpc.RunResponse{Error: "this language host does not support attaching a debugger"}, nil
	}
	nodeBin, err := exec.LookPath("node")
	if err != nil {
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("could not find node on the $PATH: %v", err)}, nil
	}
	info := req.GetInfo()
	programDir := info.GetProgramDirectory()
	if programDir == "" {
		programDir = req.GetPwd()
	}

	runModule := os.Getenv("PULUMI_LANGUAGE_NODEJS_RUN_PATH")
	if runModule == "" {
		runModule = "@pulumi/pulumi/cmd/run"
	}
	runPath, err := resolveModule(ctx, nodeBin, programDir, runModule)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}

	opts := info.GetOptions().AsMap()
	env := os.Environ()
	configJSON, err := json.Marshal(nonNilMap(req.GetConfig()))
	if err != nil {
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("failed to serialize configuration: %v", err)}, nil
	}
	secretKeysJSON, err := json.Marshal(nonNilSlice(req.GetConfigSecretKeys()))
	if err != nil {
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("failed to serialize secret keys: %v", err)}, nil
	}
	// @pulumi/pulumi accepts both "<ns>:<name>" and the legacy "<ns>:config:<name>" keys.
	env = append(env, "PULUMI_CONFIG="+string(configJSON), "PULUMI_CONFIG_SECRET_KEYS="+string(secretKeysJSON))
	// Like the official host: the "typescript" runtime option defaults to true (ts-node for .ts).
	if ts, ok := opts["typescript"].(bool); !ok || ts {
		env = append(env, "PULUMI_NODEJS_TYPESCRIPT=true")
	}
	if tsconfig, ok := opts["tsconfig"].(string); ok && tsconfig != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+tsconfig)
	}

	var args []string
	if nodeargs, ok := opts["nodeargs"].(string); ok {
		// Plain whitespace split; the official host also honours shell quoting here.
		args = append(args, strings.Fields(nodeargs)...)
	}
	args = append(args, runPath)
	flag := func(name, value string) {
		if value != "" {
			args = append(args, "--"+name, value)
		}
	}
	// The program talks to the engine's resource monitor directly (no monitor proxy, no sync-invoke
	// pipes: @pulumi/pulumi falls back to asynchronous invokes without --sync).
	flag("monitor", req.GetMonitorAddress())
	flag("engine", h.engineAddress)
	flag("organization", req.GetOrganization())
	flag("project", req.GetProject())
	flag("root-directory", info.GetRootDirectory())
	flag("stack", req.GetStack())
	flag("pwd", programDir)
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	flag("parallel", strconv.Itoa(int(req.GetParallel())))
	flag("tracing", h.tracing)
	entryPoint := info.GetEntryPoint()
	if entryPoint == "" {
		entryPoint = "."
	}
	args = append(args, entryPoint)
	args = append(args, req.GetArgs()...)

	cmdCtx, cmdCancel := context.WithCancel(h.cancelCtx)
	defer cmdCancel()
	stopWatch := context.AfterFunc(ctx, cmdCancel)
	defer stopWatch()
	cmd := exec.CommandContext(cmdCtx, nodeBin, args...)
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 5 * time.Second
	cmd.Dir = programDir
	cmd.Env = env
	// Node may switch its stdio to non-blocking mode; wrapping keeps exec from handing it our fds.
	cmd.Stdout = struct{ io.Writer }{os.Stdout}
	cmd.Stderr = struct{ io.Writer }{os.Stderr}

	if err := cmd.Run(); err != nil {
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			if exitErr.ExitCode() == exitCodeUserActionable {
				return &pulumirpc.RunResponse{Bail: true}, nil
			}
			return &pulumirpc.RunResponse{
				Error: fmt.Sprintf("Program exited with non-zero exit code: %d", exitErr.ExitCode()),
			}, nil
		}
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("could not run %s: %v", nodeBin, err)}, nil
	}
	return &pulumirpc.RunResponse{}, nil
}

// resolveModule finds a module with Node's own resolution from the program directory, so the
// program's installed @pulumi/pulumi is used, never a copy of ours.
func resolveModule(ctx context.Context, nodeBin, dir, module string) (string, error) {
	cmd := exec.CommandContext(ctx, nodeBin, "-e", "console.log(require.resolve(process.argv[1]))", module)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("could not resolve %s from %s (is @pulumi/pulumi installed there?): %w", module, dir, err)
	}
	return strings.TrimSpace(string(out)), nil
}

func nonNilMap(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return m
}

func nonNilSlice(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
