// Aliyun Live steps through two official Go SDKs: darabonba-openapi (what the generated live-20161101 client calls;
// ACS3-HMAC-SHA256 or RPC signature "v2") and alibaba-cloud-sdk-go's typed services/live client (RPC HMAC-SHA1).
package main

import (
	"encoding/json"
	"errors"
	"net/url"
	"strings"
	"time"

	openapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	openapiutil "github.com/alibabacloud-go/darabonba-openapi/v2/utils"
	"github.com/alibabacloud-go/tea/dara"
	"github.com/alibabacloud-go/tea/tea"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	aliyunerr "github.com/aliyun/alibaba-cloud-sdk-go/sdk/errors"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/live"
)

// aliyunOps is one SDK's way of making the four calls.
type aliyunOps struct {
	forbid func(resumeTime string) error
	resume func() error
	kick   func() error
	// list returns the StreamUrl entries of DescribeLiveStreamsBlockList and TotalNum.
	list func() ([]string, int, error)
}

// aliyunSteps runs a step with any SDK. aliyun.md: no update action, so "update" resumes then forbids
// (a second forbid answers ConfigAlreadyExists), as the provider does.
func aliyunSteps(cfg Config, step string, ops aliyunOps, wrong aliyunOps, result func(error) Result) Result {
	switch step {
	case "ban":
		return result(ops.forbid(cfg.ResumeTime))
	case "update":
		if err := ops.resume(); err != nil {
			return result(err)
		}
		return result(ops.forbid(cfg.ResumeTime))
	case "list":
		urls, total, err := ops.list()
		if err != nil {
			return result(err)
		}
		r := Result{OK: true, Found: boolPtr(false), Total: intPtr(total)}
		want := cfg.Domain + "/" + cfg.App + "/" + cfg.Stream
		for _, u := range urls {
			if u == want {
				r.Found, r.Listed = boolPtr(true), u
			}
		}
		return r
	case "resume":
		return result(ops.resume())
	case "kick":
		return result(ops.kick())
	case "badsig":
		return result(wrong.forbid(""))
	}
	return unknownStep(step)
}

func aliyunOpenAPIDriver(signature string) Driver {
	return func(cfg Config, step string) Result {
		return aliyunSteps(cfg, step, openAPIOps(cfg, signature, cfg.Aliyun.AccessKeySecret), openAPIOps(cfg, signature, cfg.WrongSecret), openAPIResult)
	}
}

func openAPIOps(cfg Config, signature, secret string) aliyunOps {
	u, _ := url.Parse(cfg.Aliyun.Endpoint)
	conf := &openapiutil.Config{
		AccessKeyId:     dara.String(cfg.Aliyun.AccessKeyID),
		AccessKeySecret: dara.String(secret),
		Endpoint:        dara.String(u.Host),
		Protocol:        dara.String("http"),
	}
	if cfg.Aliyun.SecurityToken != "" {
		conf.SecurityToken = dara.String(cfg.Aliyun.SecurityToken)
	}
	if signature == "v2" {
		conf.SignatureAlgorithm = dara.String("v2")
	}
	call := func(action string, params map[string]string) (map[string]interface{}, error) {
		client, err := openapi.NewClient(conf)
		if err != nil {
			return nil, err
		}
		// Params as the generated live-20161101 client passes them.
		p := &openapiutil.Params{
			Action: dara.String(action), Version: dara.String("2016-11-01"), Protocol: dara.String("HTTPS"),
			Pathname: dara.String("/"), Method: dara.String("POST"), AuthType: dara.String("AK"), Style: dara.String("RPC"),
			ReqBodyType: dara.String("formData"), BodyType: dara.String("json"),
		}
		query := map[string]interface{}{}
		for k, v := range params {
			query[k] = v
		}
		req := &openapiutil.OpenApiRequest{Query: openapiutil.Query(query)}
		runtime := &dara.RuntimeOptions{Autoretry: dara.Bool(false), ReadTimeout: dara.Int(10_000), ConnectTimeout: dara.Int(5_000)}
		res, err := client.CallApi(p, req, runtime)
		if err != nil {
			return nil, err
		}
		body, _ := res["body"].(map[string]interface{})
		return body, nil
	}
	key := map[string]string{"DomainName": cfg.Domain, "AppName": cfg.App, "StreamName": cfg.Stream}
	return aliyunOps{
		forbid: func(resumeTime string) error {
			params := withString(key, "LiveStreamType", "publisher")
			if resumeTime != "" {
				params["ResumeTime"] = resumeTime
			}
			_, err := call("ForbidLiveStream", params)
			return err
		},
		resume: func() error {
			_, err := call("ResumeLiveStream", withString(key, "LiveStreamType", "publisher"))
			return err
		},
		kick: func() error {
			_, err := call("ForbidLiveStream", withString(key, "LiveStreamType", "publisher", "Oneshot", "yes"))
			return err
		},
		list: func() ([]string, int, error) {
			body, err := call("DescribeLiveStreamsBlockList", map[string]string{"DomainName": cfg.Domain, "PageSize": "2000"})
			if err != nil {
				return nil, 0, err
			}
			raw, _ := json.Marshal(body)
			var list struct {
				TotalNum   int
				StreamUrls struct{ StreamUrl []string }
			}
			err = json.Unmarshal(raw, &list)
			return list.StreamUrls.StreamUrl, list.TotalNum, err
		},
	}
}

func openAPIResult(err error) Result {
	if err == nil {
		return Result{OK: true}
	}
	// CallApi wraps the vendor's error body into a tea SDKError: code and status as fields, the body as Data.
	var sdkErr *tea.SDKError
	if errors.As(err, &sdkErr) {
		r := Result{Code: tea.StringValue(sdkErr.Code), Status: tea.IntValue(sdkErr.StatusCode), Message: tea.StringValue(sdkErr.Message)}
		var data struct{ Message, RequestId string }
		if sdkErr.Data != nil && json.Unmarshal([]byte(*sdkErr.Data), &data) == nil {
			r.Message, r.RequestID = data.Message, data.RequestId
		}
		return r
	}
	return Result{Code: "ClientError", Message: err.Error()}
}

func aliyunClassicDriver(cfg Config, step string) Result {
	return aliyunSteps(cfg, step, classicOps(cfg, cfg.Aliyun.AccessKeySecret), classicOps(cfg, cfg.WrongSecret), classicResult)
}

func classicOps(cfg Config, secret string) aliyunOps {
	u, _ := url.Parse(cfg.Aliyun.Endpoint)
	newClient := func() (*live.Client, error) {
		// The region only names the default endpoint; every request below sets its own Domain.
		conf := sdk.NewConfig().WithAutoRetry(false).WithScheme("HTTP").WithTimeout(10 * time.Second)
		if cfg.Aliyun.SecurityToken != "" {
			return live.NewClientWithOptions("cn-shanghai", conf, credentials.NewStsTokenCredential(cfg.Aliyun.AccessKeyID, secret, cfg.Aliyun.SecurityToken))
		}
		return live.NewClientWithOptions("cn-shanghai", conf, credentials.NewAccessKeyCredential(cfg.Aliyun.AccessKeyID, secret))
	}
	at := func(r *requests.RpcRequest) {
		r.Scheme = "http"
		r.Domain = u.Host
	}
	return aliyunOps{
		forbid: func(resumeTime string) error {
			client, err := newClient()
			if err != nil {
				return err
			}
			req := live.CreateForbidLiveStreamRequest()
			at(req.RpcRequest)
			req.DomainName, req.AppName, req.StreamName, req.LiveStreamType, req.ResumeTime = cfg.Domain, cfg.App, cfg.Stream, "publisher", resumeTime
			_, err = client.ForbidLiveStream(req)
			return err
		},
		resume: func() error {
			client, err := newClient()
			if err != nil {
				return err
			}
			req := live.CreateResumeLiveStreamRequest()
			at(req.RpcRequest)
			req.DomainName, req.AppName, req.StreamName, req.LiveStreamType = cfg.Domain, cfg.App, cfg.Stream, "publisher"
			_, err = client.ResumeLiveStream(req)
			return err
		},
		kick: func() error {
			client, err := newClient()
			if err != nil {
				return err
			}
			req := live.CreateForbidLiveStreamRequest()
			at(req.RpcRequest)
			req.DomainName, req.AppName, req.StreamName, req.LiveStreamType, req.Oneshot = cfg.Domain, cfg.App, cfg.Stream, "publisher", "yes"
			_, err = client.ForbidLiveStream(req)
			return err
		},
		list: func() ([]string, int, error) {
			client, err := newClient()
			if err != nil {
				return nil, 0, err
			}
			req := live.CreateDescribeLiveStreamsBlockListRequest()
			at(req.RpcRequest)
			req.DomainName, req.PageSize = cfg.Domain, requests.NewInteger(2000)
			res, err := client.DescribeLiveStreamsBlockList(req)
			if err != nil {
				return nil, 0, err
			}
			return res.StreamUrls.StreamUrl, res.TotalNum, nil
		},
	}
}

func classicResult(err error) Result {
	if err == nil {
		return Result{OK: true}
	}
	var sdkErr *aliyunerr.ServerError
	if errors.As(err, &sdkErr) {
		return Result{Status: sdkErr.HttpStatus(), Code: sdkErr.ErrorCode(), Message: sdkErr.Message(), RequestID: sdkErr.RequestId()}
	}
	return Result{Code: "ClientError", Message: strings.TrimSpace(err.Error())}
}
