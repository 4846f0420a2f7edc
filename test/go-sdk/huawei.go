// Huawei Live steps through huaweicloud-sdk-go-v3's generated LiveClient (AK/SK SDK-HMAC-SHA256 signing).
package main

import (
	"errors"
	"time"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/basic"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/config"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/sdkerr"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/sdktime"
	live "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/live/v1"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/services/live/v1/model"
)

func huaweiDriver(cfg Config, step string) Result {
	client, err := huaweiClient(cfg.Huawei, cfg.Huawei.SK)
	if err != nil {
		return Result{Code: "ClientError", Message: err.Error()}
	}
	switch step {
	case "ban", "update":
		resume, err := time.Parse(time.RFC3339, cfg.ResumeTime)
		if err != nil {
			return Result{Code: "BadConfig", Message: "resumeTime: " + err.Error()}
		}
		at := sdktime.SdkTime(resume.UTC())
		setting := &model.StreamForbiddenSetting{Domain: cfg.Domain, AppName: cfg.App, StreamName: cfg.Stream, ResumeTime: &at}
		if step == "ban" {
			_, err = client.CreateStreamForbidden(&model.CreateStreamForbiddenRequest{Body: setting})
		} else {
			_, err = client.UpdateStreamForbidden(&model.UpdateStreamForbiddenRequest{Body: setting})
		}
		return huaweiResult(err)
	case "list":
		res, err := client.ListStreamForbidden(&model.ListStreamForbiddenRequest{Domain: cfg.Domain, AppName: &cfg.App, StreamName: &cfg.Stream})
		if err != nil {
			return huaweiResult(err)
		}
		r := Result{OK: true, Found: boolPtr(false)}
		if res.Total != nil {
			r.Total = intPtr(int(*res.Total))
		}
		if res.Blocks != nil {
			for _, b := range *res.Blocks {
				if b.AppName == cfg.App && b.StreamName == cfg.Stream {
					r.Found = boolPtr(true)
					if b.ResumeTime != nil {
						r.Listed = *b.ResumeTime
					}
				}
			}
		}
		return r
	case "resume":
		_, err := client.DeleteStreamForbidden(&model.DeleteStreamForbiddenRequest{Domain: cfg.Domain, AppName: cfg.App, StreamName: cfg.Stream})
		return huaweiResult(err)
	case "kick":
		_, err := client.CreateStreamForbiddenOnce(&model.CreateStreamForbiddenOnceRequest{
			Body: &model.StreamForbiddenOnceSetting{Domain: cfg.Domain, AppName: cfg.App, StreamName: cfg.Stream},
		})
		return huaweiResult(err)
	case "badsig":
		wrong, err := huaweiClient(cfg.Huawei, cfg.WrongSecret)
		if err != nil {
			return Result{Code: "ClientError", Message: err.Error()}
		}
		_, err = wrong.CreateStreamForbidden(&model.CreateStreamForbiddenRequest{
			Body: &model.StreamForbiddenSetting{Domain: cfg.Domain, AppName: cfg.App, StreamName: cfg.Stream},
		})
		return huaweiResult(err)
	}
	return unknownStep(step)
}

// huaweiClient gives the project id explicitly: without it the SDK would ask IAM (off loopback) for one.
func huaweiClient(c HuaweiConfig, sk string) (*live.LiveClient, error) {
	builder := basic.NewCredentialsBuilder().WithAk(c.AK).WithSk(sk).WithProjectId(c.ProjectID)
	if c.SecurityToken != "" {
		builder = builder.WithSecurityToken(c.SecurityToken)
	}
	cred, err := builder.SafeBuild()
	if err != nil {
		return nil, err
	}
	hc, err := live.LiveClientBuilder().
		WithEndpoints([]string{c.Endpoint}).
		WithCredential(cred).
		WithHttpConfig(config.DefaultHttpConfig().WithTimeout(10 * time.Second)).
		SafeBuild()
	if err != nil {
		return nil, err
	}
	return live.NewLiveClient(hc), nil
}

func huaweiResult(err error) Result {
	if err == nil {
		return Result{OK: true}
	}
	var sdkErr *sdkerr.ServiceResponseError
	if errors.As(err, &sdkErr) {
		return Result{Status: sdkErr.StatusCode, Code: sdkErr.ErrorCode, Message: sdkErr.ErrorMessage, RequestID: sdkErr.RequestId}
	}
	return Result{Code: "ClientError", Message: err.Error()}
}
