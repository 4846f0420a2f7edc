// go-sdk-check: drives the StreamBlock sandbox with the vendors' official Go SDKs, one JSON line per step.
//
// Usage: go-sdk-check -client NAME -steps ban,list,update,resume,badsig < config.json
// The config (stdin) names the sandbox endpoints, its fake credentials, and the stream the steps act on.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"
)

// Config is what the caller passes on stdin.
type Config struct {
	Domain string `json:"domain"`
	App    string `json:"app"`
	Stream string `json:"stream"`
	// ResumeTime is the ban's end for "ban" and "update", UTC "2006-01-02T15:04:05Z".
	ResumeTime string `json:"resumeTime"`
	// WrongSecret replaces the secret in "badsig".
	WrongSecret string        `json:"wrongSecret"`
	Tencent     TencentConfig `json:"tencent"`
	Aliyun      AliyunConfig  `json:"aliyun"`
	Huawei      HuaweiConfig  `json:"huawei"`
}

type TencentConfig struct {
	Endpoint  string `json:"endpoint"`
	SecretID  string `json:"secretId"`
	SecretKey string `json:"secretKey"`
	// Token makes the key temporary (X-TC-Token).
	Token string `json:"token,omitempty"`
}

type AliyunConfig struct {
	Endpoint        string `json:"endpoint"`
	AccessKeyID     string `json:"accessKeyId"`
	AccessKeySecret string `json:"accessKeySecret"`
	// SecurityToken makes the key temporary (STS).
	SecurityToken string `json:"securityToken,omitempty"`
}

type HuaweiConfig struct {
	Endpoint  string `json:"endpoint"`
	AK        string `json:"ak"`
	SK        string `json:"sk"`
	ProjectID string `json:"projectId"`
	// SecurityToken makes the AK temporary (X-Security-Token).
	SecurityToken string `json:"securityToken,omitempty"`
}

// Result is one step's outcome as the SDK reported it.
type Result struct {
	Client string `json:"client"`
	Step   string `json:"step"`
	OK     bool   `json:"ok"`
	// Error fields, as the SDK's error type exposes them.
	Status    int    `json:"status,omitempty"`
	Code      string `json:"code,omitempty"`
	Message   string `json:"message,omitempty"`
	RequestID string `json:"requestId,omitempty"`
	// List: whether the stream was in the list, and what the list said about it.
	Found       *bool  `json:"found,omitempty"`
	Total       *int   `json:"total,omitempty"`
	Listed      string `json:"listed,omitempty"`
	StreamState string `json:"streamState,omitempty"`
}

// Driver runs one step with one SDK.
type Driver func(cfg Config, step string) Result

var drivers = map[string]Driver{
	"tencent-post":   tencentDriver("POST"),
	"tencent-get":    tencentDriver("GET"),
	"huawei":         huaweiDriver,
	"aliyun-acs3":    aliyunOpenAPIDriver("v3"),
	"aliyun-rpc":     aliyunOpenAPIDriver("v2"),
	"aliyun-classic": aliyunClassicDriver,
}

func main() {
	client := flag.String("client", "", "one of: "+strings.Join(clientNames(), ", "))
	steps := flag.String("steps", "ban,list,update,resume,badsig", "comma-separated steps")
	flag.Parse()
	driver, ok := drivers[*client]
	if !ok {
		fmt.Fprintf(os.Stderr, "-client must be one of %s, got %q\n", strings.Join(clientNames(), ", "), *client)
		os.Exit(2)
	}
	var cfg Config
	if err := json.NewDecoder(os.Stdin).Decode(&cfg); err != nil {
		fmt.Fprintf(os.Stderr, "stdin must be the JSON config: %v\n", err)
		os.Exit(2)
	}
	out := json.NewEncoder(os.Stdout)
	for _, step := range strings.Split(*steps, ",") {
		r := driver(cfg, step)
		r.Client, r.Step = *client, step
		if err := out.Encode(r); err != nil {
			os.Exit(1)
		}
	}
}

func clientNames() []string {
	names := []string{}
	for _, n := range []string{"tencent-post", "tencent-get", "huawei", "aliyun-acs3", "aliyun-rpc", "aliyun-classic"} {
		if _, ok := drivers[n]; ok {
			names = append(names, n)
		}
	}
	return names
}

func unknownStep(step string) Result {
	return Result{Code: "UnknownStep", Message: "step must be one of ban, list, state (Tencent), update, resume, kick, badsig; got " + step}
}

func boolPtr(b bool) *bool { return &b }
func intPtr(i int) *int    { return &i }
